# Mistake: believes the sign of a stride only says which direction you walk, so compares the absolute values of the strides in the merge rule.
# Wrong on: merged_strides((3, 4), (32, -8), 0) -> gives ((12,), (-8,)), correct is raising ValueError
def merged_strides(shape, strides, k):
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1:
        merged = strides[k + 1]
    elif shape[k + 1] == 1:
        merged = strides[k]
    elif abs(strides[k]) == shape[k + 1] * abs(strides[k + 1]):
        merged = strides[k + 1]
    else:
        raise ValueError("axes cannot be merged without a copy")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]
    new_strides = strides[:k] + (merged,) + strides[k + 2:]
    return new_shape, new_strides
