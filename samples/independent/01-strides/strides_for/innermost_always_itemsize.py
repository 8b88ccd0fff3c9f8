# Mistake: I started the list with the item size because "the innermost axis always has stride itemsize", forgetting that a 0-d shape has no axis at all.
# Wrong on: strides_for((), 8)  -> gives (8,), correct is ()
def strides_for(shape, itemsize, order="C"):
    if order not in ("C", "F"):
        raise ValueError(order)
    dims = list(shape) if order == "F" else list(shape)[::-1]
    out = [itemsize]
    for n in dims[:-1]:
        out.append(out[-1] * n)
    return tuple(out) if order == "F" else tuple(out[::-1])
