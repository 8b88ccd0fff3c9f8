# Mistake: I thought each stride is the item size times the length of the one axis right next to it, not the product of all the axes inside it.
# Wrong on: strides_for((2, 3, 4), 8)  -> gives (24, 32, 8), correct is (96, 32, 8)
def strides_for(shape, itemsize, order="C"):
    if order not in ("C", "F"):
        raise ValueError(f"order must be 'C' or 'F', not {order!r}")
    n = len(shape)
    out = []
    for i in range(n):
        if order == "C":
            inner = shape[i + 1] if i + 1 < n else 1
        else:
            inner = shape[i - 1] if i > 0 else 1
        out.append(itemsize * inner)
    return tuple(out)
