# Mistake: the diagonal stride derived from the shape, assuming a C-contiguous input.
def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(start.shape)
    return as_strided(start, shape=(n,), strides=((a.shape[1] + 1) * a.itemsize,))
