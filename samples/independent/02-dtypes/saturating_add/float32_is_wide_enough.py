# Mistake: float32 reaches 3e38, so I thought it holds any 32-bit integer; it keeps only 24 bits of digits.
# Wrong on: saturating_add(np.array([16777217], dtype=np.int32), 0)  -> gives [16777216], correct is [16777217]
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    wide = x.astype(np.float32) + np.float32(float(k))
    return np.clip(wide, info.min, info.max).astype(x.dtype)
