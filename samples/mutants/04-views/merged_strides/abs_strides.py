# Mistake: compares the sizes of the strides and forgets their signs, so a reversed inner
# axis (x[:, ::-1]) seems to merge.
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1:
        stride = strides[k + 1]
    elif shape[k + 1] == 1:
        stride = strides[k]
    elif abs(strides[k]) == shape[k + 1] * abs(strides[k + 1]):
        stride = strides[k + 1]
    else:
        raise ValueError("axes do not merge")
    return shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2 :], strides[:k] + (stride,) + strides[k + 2 :]
