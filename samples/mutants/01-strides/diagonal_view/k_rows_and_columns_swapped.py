# Mistake: shifts the start down for k > 0 (a[k:]) instead of right (a[:, k:]).
def diagonal_view(a, k=0):
    start = a[k:, :] if k >= 0 else a[:, -k:]
    n = min(start.shape)
    return as_strided(start, shape=(n,), strides=(a.strides[0] + a.strides[1],))
