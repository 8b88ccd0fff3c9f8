# Mistake: drops the reduced axis, so the block means line up with the wrong axis.
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    grouped = x.reshape(x.shape[:axis] + (x.shape[axis] // block, block) + x.shape[axis + 1 :])
    return (grouped - grouped.mean(axis=axis + 1)).reshape(x.shape)
