# Mistake: uses the Fortran-order rule (the outer axis as the fast one).
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1:
        stride = strides[k + 1]
    elif shape[k + 1] == 1:
        stride = strides[k]
    elif strides[k + 1] == shape[k] * strides[k]:
        stride = strides[k]
    else:
        raise ValueError("axes do not merge")
    return shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2 :], strides[:k] + (stride,) + strides[k + 2 :]
