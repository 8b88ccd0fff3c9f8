# Mistake: Validates order with `order not in "CF"`, a substring test, so "" and "CF" slip through and get C strides.
# Wrong on: strides_for((3, 4), 2, "") -> gives (8, 2), correct is ValueError raised
def strides_for(shape, itemsize, order="C"):
    if order not in "CF":
        raise ValueError("order must be 'C' or 'F'")
    result = [0] * len(shape)
    step = itemsize
    axes = range(len(shape)) if order == "F" else reversed(range(len(shape)))
    for k in axes:
        result[k] = step
        step *= shape[k]
    return tuple(result)
