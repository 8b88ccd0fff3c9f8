# Mistake: centres the reshaped array in place; reshape was a view, so the caller's x changes
# (and integer input cannot take float means in place).
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    grouped = x.reshape(x.shape[:axis] + (x.shape[axis] // block, block) + x.shape[axis + 1 :])
    grouped -= grouped.mean(axis=axis + 1, keepdims=True)
    return grouped.reshape(x.shape)
