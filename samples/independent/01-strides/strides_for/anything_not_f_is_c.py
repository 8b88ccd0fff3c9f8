# Mistake: I only tested for "F" and let every other order fall through to C, because NumPy has other orders ("A", "K") that I assumed mean C.
# Wrong on: strides_for((3, 4), 2, "K")  -> gives (8, 2), correct is raising ValueError
def strides_for(shape, itemsize, order="C"):
    axes = range(len(shape)) if order == "F" else reversed(range(len(shape)))
    out = [0] * len(shape)
    step = itemsize
    for ax in axes:
        out[ax] = step
        step *= shape[ax]
    return tuple(out)
