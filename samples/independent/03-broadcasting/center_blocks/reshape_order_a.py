# Mistake: I reshaped with order="A" so that a Fortran-ordered x is split without a copy, thinking the order only affects memory, not which elements end up in a block.
# Wrong on: center_blocks(np.asfortranarray([[0., 1., 10., 11.], [0., 2., 20., 22.]]), 2, 1)  -> gives [[-5., -5., 5., 5.], [-10., -10., 10., 10.]], correct is [[-0.5, 0.5, -0.5, 0.5], [-1., 1., -1., 1.]]
def center_blocks(x, block, axis):
    axis = axis % x.ndim
    n = x.shape[axis]
    split = x.shape[:axis] + (n // block, block) + x.shape[axis + 1:]
    blocks = x.reshape(split, order="A")
    centred = blocks - blocks.mean(axis=axis + 1, keepdims=True)
    return centred.reshape(x.shape, order="A")
