# Mistake: I let reshape work out the number of blocks with -1, not knowing that -1 cannot be resolved when the array is empty.
# Wrong on: center_blocks(np.zeros((0, 4)), 2, 1)  -> raises ValueError (cannot reshape array of size 0), correct is an empty float64 array of shape (0, 4)
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    blocks = x.reshape(x.shape[:axis] + (-1, block) + x.shape[axis + 1:])
    centred = blocks - blocks.mean(axis=axis + 1, keepdims=True)
    return centred.reshape(x.shape)
