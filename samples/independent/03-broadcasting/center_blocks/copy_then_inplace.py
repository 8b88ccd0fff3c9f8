# Mistake: to save memory I copied x once and subtracted the means in place, forgetting that an in-place subtraction keeps the copy's integer dtype.
# Wrong on: center_blocks(np.array([1, 4]), 2, 0)  -> raises UFuncTypeError (cannot cast float64 to int64), correct is array([-1.5, 1.5])
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    n = x.shape[axis]
    blocks = x.reshape(x.shape[:axis] + (n // block, block) + x.shape[axis + 1:]).copy()
    blocks -= blocks.mean(axis=axis + 1, keepdims=True)
    return blocks.reshape(x.shape)
