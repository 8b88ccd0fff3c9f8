# Mistake: takes a fast path after checking the range with min() and max(), which raise on an empty array.
def midpoint(a, b):
    info = np.iinfo(a.dtype)
    if info.min <= int(a.min()) + int(b.min()) and int(a.max()) + int(b.max()) <= info.max:
        return (a + b) // 2
    return (a >> 1) + (b >> 1) + (a & b & 1)
