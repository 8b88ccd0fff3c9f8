# Mistake: I read "compare the trailing dimensions" as: only the last axes must agree, the leading ones just take the bigger length.
# Wrong on: broadcast_shape((2, 3), (4, 3))  -> gives (4, 3), correct is ValueError
def broadcast_shape(shape_a, shape_b):
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    if ndim == 0:
        return ()
    n, k = a[-1], b[-1]
    if n != k and n != 1 and k != 1:
        raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast")
    last = k if n == 1 else n
    return tuple(max(x, y) for x, y in zip(a[:-1], b[:-1])) + (last,)
