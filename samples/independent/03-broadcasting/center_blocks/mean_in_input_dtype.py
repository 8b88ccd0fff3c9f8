# Mistake: I asked mean for x's own dtype so that nothing gets upcast, not realising an integer mean is truncated and the result stays integer.
# Wrong on: center_blocks(np.array([1, 4]), 2, 0)  -> gives array([-1, 2]) (int64), correct is array([-1.5, 1.5])
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    n = x.shape[axis]
    blocks = x.reshape(x.shape[:axis] + (n // block, block) + x.shape[axis + 1:])
    means = blocks.mean(axis=axis + 1, keepdims=True, dtype=x.dtype)
    return (blocks - means).reshape(x.shape)
