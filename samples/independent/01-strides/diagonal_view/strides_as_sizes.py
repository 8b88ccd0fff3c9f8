# Mistake: I thought strides are sizes, so I added their absolute values; a reversed axis then walks the wrong way.
# Wrong on: diagonal_view(np.arange(36.0).reshape(6, 6)[:4, 3::-1])  -> gives [3.0, 10.0, 17.0, 24.0], correct is [3.0, 8.0, 13.0, 18.0]
def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(start.shape)
    return as_strided(start, shape=(n,), strides=(abs(a.strides[0]) + abs(a.strides[1]),))
