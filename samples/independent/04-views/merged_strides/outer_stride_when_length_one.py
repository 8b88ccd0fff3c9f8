# Mistake: when one of the two axes has length 1, I kept the outer axis's stride for the merged axis, thinking the outer axis is the one that "survives" a merge.
# Wrong on: merged_strides((1, 4), (32, 8), 0)  -> gives ((4,), (32,)), correct is ((4,), (8,))
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1 or shape[k + 1] == 1:
        merged = strides[k]
    elif strides[k] == shape[k + 1] * strides[k + 1]:
        merged = strides[k + 1]
    else:
        raise ValueError("these axes cannot be merged without a copy")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    return new_shape, strides[:k] + (merged,) + strides[k + 2:]
