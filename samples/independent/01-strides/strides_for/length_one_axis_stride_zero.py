# Mistake: I believed an axis of length 1 is never stepped along, so NumPy gives it stride 0 (as broadcasting does).
# Wrong on: strides_for((3, 1, 4), 8)  -> gives (32, 0, 8), correct is (32, 32, 8)
def strides_for(shape, itemsize, order="C"):
    if order not in ("C", "F"):
        raise ValueError(order)
    axes = list(range(len(shape)))
    if order == "C":
        axes.reverse()
    out = [0] * len(shape)
    step = itemsize
    for ax in axes:
        out[ax] = 0 if shape[ax] == 1 else step
        step *= shape[ax]
    return tuple(out)
