# Mistake: saturates correctly but returns the widened int64 array, not x's dtype.
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    span = int(info.max) - int(info.min)
    k = max(-span, min(span, k))
    return np.clip(x.astype(np.int64) + k, info.min, info.max)
