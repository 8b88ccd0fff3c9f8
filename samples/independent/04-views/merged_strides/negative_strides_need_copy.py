# Mistake: I thought a reversed array (negative strides) can never be reshaped without a copy, so any negative stride among the two axes raises.
# Wrong on: merged_strides((3, 4), (-32, -8), 0)  -> raises ValueError, correct is ((12,), (-8,)) (e.g. arange(12.).reshape(3, 4)[::-1, ::-1])
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if strides[k] < 0 or strides[k + 1] < 0:
        raise ValueError("a reversed axis cannot be merged without a copy")
    if shape[k] == 1:
        merged = strides[k + 1]
    elif shape[k + 1] == 1:
        merged = strides[k]
    elif strides[k] == shape[k + 1] * strides[k + 1]:
        merged = strides[k + 1]
    else:
        raise ValueError("these axes cannot be merged without a copy")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    return new_shape, strides[:k] + (merged,) + strides[k + 2:]
