# Mistake: splits the axis as (block, n // block), so each "block" takes every k-th element
# instead of consecutive ones.
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    grouped = x.reshape(x.shape[:axis] + (block, x.shape[axis] // block) + x.shape[axis + 1 :])
    return (grouped - grouped.mean(axis=axis + 1, keepdims=True)).reshape(x.shape)
