# Mistake: I thought x.view() gives me a new array to fill with the result, but it shares x's memory, so x is overwritten.
# Wrong on: saturating_add(np.array([250, 5], dtype=np.uint8), 10)  -> returns [255, 15] but x becomes [255, 15] too, correct leaves x as [250, 5]
def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    span = int(info.max) - int(info.min)
    k = max(-span, min(span, k))
    out = x.view()
    out[...] = np.clip(x.astype(np.int64) + k, info.min, info.max)
    return out
