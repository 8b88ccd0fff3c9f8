# Mistake: I compared the sizes of the strides, ignoring their signs, thinking a reversed axis steps just as far and the direction does not matter.
# Wrong on: merged_strides((2, 3), (24, -8), 0)  -> gives ((6,), (-8,)), correct is ValueError (no view can merge them; np.reshape(copy=False) refuses)
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1:
        merged = strides[k + 1]
    elif shape[k + 1] == 1:
        merged = strides[k]
    elif abs(strides[k]) == shape[k + 1] * abs(strides[k + 1]):
        merged = strides[k + 1]
    else:
        raise ValueError("these axes cannot be merged without a copy")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    return new_shape, strides[:k] + (merged,) + strides[k + 2:]
