# Mistake: evaluates the plain expression on chunks of an eighth of the rows, as if chunking along axis 0 always kept temporaries small; with few long rows a chunk is the whole array.
def fused_inplace(a, b):
    if a.ndim == 0:
        a[...] = (a + b) * (-a / 2)
        return a
    step = max(1, len(a) // 8)
    for start in range(0, len(a), step):
        part_a, part_b = a[start : start + step], b[start : start + step]
        part_a[...] = (part_a + part_b) * (-part_a / 2)
    return a
