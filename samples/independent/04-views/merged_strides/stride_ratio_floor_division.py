# Mistake: I checked the rule as a ratio, strides[k] // strides[k+1] == shape[k+1], thinking integer division is the same test as the product, but it rounds down.
# Wrong on: merged_strides((3, 2), (20, 8), 0)  -> gives ((6,), (8,)), correct is ValueError (e.g. a float32 zeros((3, 5))[:, :4:2])
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1:
        merged = strides[k + 1]
    elif shape[k + 1] == 1:
        merged = strides[k]
    elif strides[k + 1] != 0 and strides[k] // strides[k + 1] == shape[k + 1]:
        merged = strides[k + 1]
    else:
        raise ValueError("these axes cannot be merged without a copy")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    return new_shape, strides[:k] + (merged,) + strides[k + 2:]
