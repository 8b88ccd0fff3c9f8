# Mistake: gives the merged axis the stride of the outer axis k instead of the inner axis.
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] > 1 and shape[k + 1] > 1 and strides[k] != shape[k + 1] * strides[k + 1]:
        raise ValueError("axes do not merge")
    stride = strides[k] if shape[k] > 1 else strides[k + 1]
    return shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2 :], strides[:k] + (stride,) + strides[k + 2 :]
