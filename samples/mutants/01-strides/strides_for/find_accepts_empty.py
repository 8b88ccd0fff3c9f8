# Mistake: validates the order with str.find on "CF", which also finds "" (and "CF" itself).
def strides_for(shape, itemsize, order="C"):
    if "CF".find(order) < 0:
        raise ValueError(f"unknown order {order!r}")
    dims = list(shape) if order == "C" else list(shape)[::-1]
    out = []
    step = itemsize
    for n in dims[::-1]:
        out.insert(0, step)
        step *= n
    return tuple(out) if order == "C" else tuple(out[::-1])
