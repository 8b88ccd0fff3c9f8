# Mistake: widens to int64 but adds k as given, so a k beyond int64 raises OverflowError.
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    return np.clip(x.astype(np.int64) + k, info.min, info.max).astype(x.dtype)
