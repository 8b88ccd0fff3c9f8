# Mistake: casts back to the dtype's name, which drops a non-native byte order.
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    span = int(info.max) - int(info.min)
    k = max(-span, min(span, k))
    wide = x.astype(np.int64) + k
    return np.clip(wide, info.min, info.max).astype(x.dtype.name)
