# Mistake: tests the rule as a ratio with floor division, strides[k] // strides[k + 1] == shape[k + 1], which also accepts strides that are not an exact multiple.
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1:
        stride = strides[k + 1]
    elif shape[k + 1] == 1:
        stride = strides[k]
    elif strides[k + 1] != 0 and strides[k] // strides[k + 1] == shape[k + 1]:
        stride = strides[k + 1]
    else:
        raise ValueError(f"axes {k} and {k + 1} do not merge")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2 :]
    return new_shape, strides[:k] + (stride,) + strides[k + 2 :]
