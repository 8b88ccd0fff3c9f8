# Mistake: I thought a reshape can avoid a copy only if the whole array is C-contiguous, so I check every axis (taking the last stride as the item size) instead of just the two being merged.
# Wrong on: merged_strides((2, 3, 4), (192, 32, 8), 1)  -> raises ValueError, correct is ((2, 12), (192, 8)) (e.g. arange(48.).reshape(4, 3, 4)[::2])
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    expected = strides[-1]
    for n, s in zip(reversed(shape), reversed(strides)):
        if n != 1 and s != expected:
            raise ValueError("the array is not contiguous: a reshape would copy")
        expected *= n
    merged = strides[k + 1] if shape[k + 1] != 1 else strides[k]
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    return new_shape, strides[:k] + (merged,) + strides[k + 2:]
