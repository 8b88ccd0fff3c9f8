# Mistake: applies the rule even to axes of length 1, whose stride does not matter.
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if strides[k] != shape[k + 1] * strides[k + 1]:
        raise ValueError("axes do not merge")
    return shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2 :], strides[:k] + (strides[k + 1],) + strides[k + 2 :]
