# Mistake: I evaluated the expression as written on chunks of a sixteenth of the rows, thinking chunking along axis 0 always bounds the temporaries; for an array with few long rows a chunk is a whole row.
# Wrong on: fused_inplace(np.ones((2, 500_000)), np.ones((2, 500_000)))  -> extra memory about 8 MB (several one-row temporaries of 4 MB), the budget is a quarter of 8 MB, 2 MB
def fused_inplace(a, b):
    step = max(1, a.shape[0] // 16) if a.ndim else 1
    if a.ndim == 0:
        a[...] = (a + b) * (-a / 2)
        return a
    for start in range(0, a.shape[0], step):
        part_a, part_b = a[start:start + step], b[start:start + step]
        part_a[...] = (part_a + part_b) * (-part_a / 2)
    return a
