# Mistake: Seeds the list with itemsize for the innermost axis before looping, so a 0-d shape () still gets one stride.
# Wrong on: strides_for((), 8) -> gives (8,), correct is ()
def strides_for(shape, itemsize, order="C"):
    if order not in ("C", "F"):
        raise ValueError("order must be 'C' or 'F'")
    dims = list(shape) if order == "C" else list(shape)[::-1]
    strides = [itemsize]
    for n in reversed(dims[1:]):
        strides.insert(0, strides[0] * n)
    if order == "F":
        strides.reverse()
    return tuple(strides)
