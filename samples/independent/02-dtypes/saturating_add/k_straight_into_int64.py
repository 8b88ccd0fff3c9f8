# Mistake: I widened x to int64 and added k directly, forgetting that a Python int too big for int64 cannot meet an int64 array.
# Wrong on: saturating_add(np.array([1], dtype=np.uint8), 10**30)  -> raises OverflowError, correct is [255]
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    wide = x.astype(np.int64) + k
    return np.clip(wide, info.min, info.max).astype(x.dtype)
