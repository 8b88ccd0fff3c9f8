# Mistake: I checked the order with `order in "CF"`, thinking it tests for one of the two letters, but it is a substring test.
# Wrong on: strides_for((3, 4), 2, "")  -> gives (2, 6), correct is raising ValueError
def strides_for(shape, itemsize, order="C"):
    if order not in "CF":
        raise ValueError(f"order must be C or F, got {order!r}")
    axes = list(range(len(shape)))
    if order == "C":
        axes.reverse()
    out = [0] * len(shape)
    step = itemsize
    for ax in axes:
        out[ax] = step
        step *= shape[ax]
    return tuple(out)
