# Mistake: I clamped k to the int64 limits so that it fits, not seeing that x + k can then still overflow int64 and wrap around.
# Wrong on: saturating_add(np.array([5], dtype=np.int32), 10**30)  -> gives [-2147483648], correct is [2147483647]
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    big = np.iinfo(np.int64)
    k = max(big.min, min(big.max, k))
    wide = x.astype(np.int64) + k
    return np.clip(wide, info.min, info.max).astype(x.dtype)
