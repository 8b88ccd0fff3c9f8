# Mistake: I widened to int32 because the inputs have at most 32 bits, not noticing that uint32 values above 2**31 - 1 do not fit in int32.
# Wrong on: saturating_add(np.array([4000000000], dtype=np.uint32), 10)  -> gives [0], correct is [4000000010]
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    span = int(info.max) - int(info.min)
    k = max(-span, min(span, k))
    wide = x.astype(np.int32).astype(np.int64) + k
    return np.clip(wide, info.min, info.max).astype(x.dtype)
