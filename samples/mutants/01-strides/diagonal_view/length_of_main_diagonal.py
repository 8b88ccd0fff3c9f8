# Mistake: always takes min(a.shape) elements, too many for an off-diagonal.
def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    return as_strided(start, shape=(min(a.shape),), strides=(a.strides[0] + a.strides[1],))
