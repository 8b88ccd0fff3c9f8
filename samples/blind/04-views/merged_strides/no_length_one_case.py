# Mistake: applies the merge rule strides[k] == shape[k+1] * strides[k+1] to every pair, believing a length-1 axis must satisfy it too, so an axis of length 1 with an arbitrary stride blocks the merge.
# Wrong on: merged_strides((1, 3, 4), (7992, 32, 8), 0) -> raises ValueError, correct is ((3, 4), (32, 8))
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if strides[k] != shape[k + 1] * strides[k + 1]:
        raise ValueError("axes cannot be merged without a copy")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    new_strides = strides[:k] + (strides[k + 1],) + strides[k + 2:]
    return new_shape, new_strides
