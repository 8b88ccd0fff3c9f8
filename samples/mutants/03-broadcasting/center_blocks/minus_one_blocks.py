# Mistake: lets reshape infer the number of blocks with -1, which fails when another axis has length 0.
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    grouped = x.reshape(x.shape[:axis] + (-1, block) + x.shape[axis + 1 :])
    centred = grouped - grouped.mean(axis=axis + 1, keepdims=True)
    return centred.reshape(x.shape)
