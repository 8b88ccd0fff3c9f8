# Mistake: I thought "stretching" a length-1 axis can only make it longer, so a length-1 axis cannot become a length-0 axis.
# Wrong on: broadcast_shape((1,), (0,))  -> gives ValueError, correct is (0,)
def broadcast_shape(shape_a, shape_b):
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    out = []
    for n, k in zip(a, b):
        if n == k:
            out.append(n)
        elif n == 1 and k > n:
            out.append(k)
        elif k == 1 and n > k:
            out.append(n)
        else:
            raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast")
    return tuple(out)
