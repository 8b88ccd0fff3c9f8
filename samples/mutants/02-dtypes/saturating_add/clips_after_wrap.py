# Mistake: clips x + k, which has already wrapped (or raised) in x's own dtype.
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    return np.clip(x + k, info.min, info.max)
