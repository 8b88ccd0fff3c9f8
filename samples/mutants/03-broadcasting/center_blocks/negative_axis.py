# Mistake: does not normalise a negative axis, so axis + 1 names the wrong axis.
def center_blocks(x, block, axis):
    n = x.shape[axis]
    if axis < 0:
        shape = x.shape[: x.ndim + axis] + (n // block, block) + x.shape[x.ndim + axis + 1 :]
    else:
        shape = x.shape[:axis] + (n // block, block) + x.shape[axis + 1 :]
    grouped = x.reshape(shape)
    return (grouped - grouped.mean(axis=axis + 1, keepdims=True)).reshape(x.shape)
