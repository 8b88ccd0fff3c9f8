# Mistake: believes the merged axis steps by the smaller of the two strides (the "inner" one is always the smaller number), which breaks for negative strides.
# Wrong on: merged_strides((4, 3), (-24, -8), 0) -> gives ((12,), (-24,)), correct is ((12,), (-8,))
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1:
        merged = strides[k + 1]
    elif shape[k + 1] == 1:
        merged = strides[k]
    elif strides[k] == shape[k + 1] * strides[k + 1]:
        merged = min(strides[k], strides[k + 1])
    else:
        raise ValueError("axes cannot be merged without a copy")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    new_strides = strides[:k] + (merged,) + strides[k + 2:]
    return new_shape, new_strides
