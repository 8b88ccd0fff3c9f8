# Mistake: demands that the whole array steps in C order (contiguity), not just the seam
# between axes k and k + 1.
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    for i in range(len(shape) - 1):
        if shape[i] > 1 and shape[i + 1] > 1 and strides[i] != shape[i + 1] * strides[i + 1]:
            raise ValueError("not contiguous")
    stride = strides[k + 1] if shape[k + 1] > 1 else strides[k]
    return shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2 :], strides[:k] + (stride,) + strides[k + 2 :]
