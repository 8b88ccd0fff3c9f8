# Mistake: I computed each block's mean as its sum divided by block, thinking that is exactly what mean does, but the sum is accumulated in x's own float16 and overflows.
# Wrong on: center_blocks(np.array([60000., 60000.], dtype=np.float16), 2, 0)  -> gives [-inf, -inf], correct is float16 [0., 0.]
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    n = x.shape[axis]
    blocks = x.reshape(x.shape[:axis] + (n // block, block) + x.shape[axis + 1:])
    means = blocks.sum(axis=axis + 1, keepdims=True) / block
    return (blocks - means).reshape(x.shape)
