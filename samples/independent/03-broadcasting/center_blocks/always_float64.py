# Mistake: since integer input must give a float result, I convert every input to float64 first, thinking "float result" always means float64.
# Wrong on: center_blocks(np.array([1, 2], dtype=np.float32), 2, 0)  -> gives dtype float64, correct is float32 array([-0.5, 0.5]) (as x - mean gives)
def center_blocks(x, block, axis):
    x = x.astype(np.float64)
    axis = axis % x.ndim
    n = x.shape[axis]
    blocks = x.reshape(x.shape[:axis] + (n // block, block) + x.shape[axis + 1:])
    return (blocks - blocks.mean(axis=axis + 1, keepdims=True)).reshape(x.shape)
