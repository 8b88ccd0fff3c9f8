# Mistake: NumPy's own functions accept order="f", so I upper-cased the order before checking it instead of rejecting anything but "C" and "F".
# Wrong on: strides_for((3, 4), 2, "f")  -> gives (2, 6), correct is raising ValueError
def strides_for(shape, itemsize, order="C"):
    order = order.upper()
    if order not in ("C", "F"):
        raise ValueError(f"bad order {order!r}")
    dims = list(shape) if order == "F" else list(shape)[::-1]
    out = []
    step = itemsize
    for n in dims:
        out.append(step)
        step *= n
    return tuple(out) if order == "F" else tuple(out[::-1])
