# Mistake: Pads the shorter shape with 1s on the right (lining the shapes up from the left), so a (2,) against a (2, 3) "works" as a column.
# Wrong on: broadcast_shape((2, 3), (2,)) -> gives (2, 3), correct is ValueError raised
def broadcast_shape(shape_a, shape_b):
    nd = max(len(shape_a), len(shape_b))
    a = tuple(shape_a) + (1,) * (nd - len(shape_a))
    b = tuple(shape_b) + (1,) * (nd - len(shape_b))
    out = []
    for n, k in zip(a, b):
        if n == k or k == 1:
            out.append(n)
        elif n == 1:
            out.append(k)
        else:
            raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast")
    return tuple(out)
