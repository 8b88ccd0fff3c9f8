# Mistake: I used the square-matrix formula for the diagonal's length, min(shape) - |k|, for every shape.
# Wrong on: diagonal_view(np.arange(15.0).reshape(3, 5), 1)  -> gives [1.0, 7.0], correct is [1.0, 7.0, 13.0]
def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(a.shape) - abs(k)
    return as_strided(start, shape=(n,), strides=(a.strides[0] + a.strides[1],))
