# Mistake: Treats the order letter case-insensitively (like NumPy's own functions), so "c" and "f" are accepted instead of raising ValueError.
# Wrong on: strides_for((3, 4), 2, "f") -> gives (2, 6), correct is ValueError raised
def strides_for(shape, itemsize, order="C"):
    order = order.upper()
    if order not in ("C", "F"):
        raise ValueError(f"bad order {order!r}")
    dims = list(shape) if order == "C" else list(shape)[::-1]
    strides = []
    step = itemsize
    for n in reversed(dims):
        strides.append(step)
        step *= n
    strides.reverse()
    if order == "F":
        strides.reverse()
    return tuple(strides)
