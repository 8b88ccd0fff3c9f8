# Mistake: takes each block's mean as its sum divided by block, but sum returns its total in x's own dtype (float16, int64) and overflows where mean would not.
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    grouped = x.reshape(x.shape[:axis] + (x.shape[axis] // block, block) + x.shape[axis + 1 :])
    means = grouped.sum(axis=axis + 1, keepdims=True) / block
    return (grouped - means).reshape(x.shape)
