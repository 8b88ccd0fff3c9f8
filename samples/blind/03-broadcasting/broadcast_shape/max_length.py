# Mistake: Takes the larger length when one of them is 1, believing broadcasting always grows an axis, so a 1 against a 0 gives 1 instead of 0.
# Wrong on: broadcast_shape((1,), (0,)) -> gives (1,), correct is (0,)
def broadcast_shape(shape_a, shape_b):
    nd = max(len(shape_a), len(shape_b))
    a = (1,) * (nd - len(shape_a)) + tuple(shape_a)
    b = (1,) * (nd - len(shape_b)) + tuple(shape_b)
    out = []
    for n, k in zip(a, b):
        if n != k and n != 1 and k != 1:
            raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast")
        out.append(max(n, k))
    return tuple(out)
