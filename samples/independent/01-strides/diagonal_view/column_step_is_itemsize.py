# Mistake: I assumed the next column is always one item further on, so one diagonal step is strides[0] + itemsize.
# Wrong on: diagonal_view(np.arange(32.0).reshape(4, 8)[:, ::2])  -> gives [0.0, 9.0, 18.0, 27.0], correct is [0.0, 10.0, 20.0, 30.0]
def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(start.shape)
    return as_strided(start, shape=(n,), strides=(a.strides[0] + a.itemsize,))
