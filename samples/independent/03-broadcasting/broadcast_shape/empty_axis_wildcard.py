# Mistake: I thought an empty (length-0) axis is like a length-1 axis, compatible with anything, and the result is empty.
# Wrong on: broadcast_shape((0,), (3,))  -> gives (0,), correct is ValueError
def broadcast_shape(shape_a, shape_b):
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    out = []
    for n, k in zip(a, b):
        if n == 0 or k == 0:
            out.append(0)          # nothing to stretch: the result is empty
        elif n == k or k == 1:
            out.append(n)
        elif n == 1:
            out.append(k)
        else:
            raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast")
    return tuple(out)
