# Mistake: widens to int64, which is no wider than int64 and cannot hold uint64 at all.
def midpoint(a, b):
    return ((a.astype(np.int64) + b.astype(np.int64)) // 2).astype(a.dtype)
