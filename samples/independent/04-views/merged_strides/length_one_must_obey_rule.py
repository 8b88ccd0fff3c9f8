# Mistake: I applied strides[k] == shape[k+1] * strides[k+1] to every pair, not seeing that a length-1 axis is never stepped along, so its stride does not matter.
# Wrong on: merged_strides((3, 1), (32, 8), 0)  -> raises ValueError, correct is ((3,), (32,)) (e.g. arange(12.).reshape(3, 4)[:, :1])
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if strides[k] != shape[k + 1] * strides[k + 1]:
        raise ValueError("these axes cannot be merged without a copy")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    return new_shape, strides[:k] + (strides[k + 1],) + strides[k + 2:]
