# Mistake: I thought the span of a dtype is 2 * max (as if it ran from -max to max), so for signed dtypes my clamp of k is one short.
# Wrong on: saturating_add(np.array([-128], dtype=np.int8), 255)  -> gives [126], correct is [127]
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    span = 2 * int(info.max) if info.min < 0 else int(info.max)
    k = max(-span, min(span, k))
    wide = x.astype(np.int64) + k
    return np.clip(wide, info.min, info.max).astype(x.dtype)
