# Mistake: I took one step along the diagonal as (number of columns + 1) * itemsize, which is only true for a C-contiguous array.
# Wrong on: diagonal_view(np.arange(12.0).reshape(3, 4).T)  -> gives [0.0, 4.0, 8.0], correct is [0.0, 5.0, 10.0]
def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(start.shape)
    step = (a.shape[1] + 1) * a.itemsize
    return as_strided(start, shape=(n,), strides=(step,))
