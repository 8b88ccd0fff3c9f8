# Mistake: I thought any array can serve as the buffer of a new ndarray, so I built the diagonal with np.ndarray(buffer=a, offset=...); that fails for a stepped (non-contiguous) a.
# Wrong on: diagonal_view(np.arange(32.0).reshape(4, 8)[:, ::2])  -> raises an error (not contiguous), correct is the view [0.0, 10.0, 20.0, 30.0]
def diagonal_view(a, k=0):
    if k >= 0:
        n = min(a.shape[0], a.shape[1] - k)
        offset = k * a.strides[1]
    else:
        n = min(a.shape[0] + k, a.shape[1])
        offset = -k * a.strides[0]
    return np.ndarray(shape=(n,), dtype=a.dtype, buffer=a, offset=offset,
                      strides=(a.strides[0] + a.strides[1],))
