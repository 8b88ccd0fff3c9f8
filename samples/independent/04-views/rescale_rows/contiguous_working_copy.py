# Mistake: I thought np.ascontiguousarray(x) is free (just "the same array, contiguous") and worked on it, copying back at the end; for a non-contiguous view it is a full copy.
# Wrong on: rescale_rows(big[:, ::2]) with big = np.random.default_rng(0).random((500, 2000))  -> extra memory about 4 MB (a copy of the view), the budget is a quarter of its 4 MB nbytes, 1 MB
def rescale_rows(x):
    work = np.ascontiguousarray(x)
    low = work.min(axis=1, keepdims=True)
    span = work.max(axis=1, keepdims=True)
    span -= low
    work -= low
    work /= span
    if work is not x:
        x[...] = work
    return x
