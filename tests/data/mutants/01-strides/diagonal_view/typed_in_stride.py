# Mistake: the diagonal stride derived from the shape, assuming a C-contiguous input.
def diagonal_view(a):
    n = min(a.shape)
    return as_strided(a, shape=(n,), strides=((a.shape[1] + 1) * a.itemsize,), writeable=False)
