# Mistake: I thought broadcasting repeats a shorter axis whenever its length divides the longer one (like np.tile or R's recycling), not only when it is 1.
# Wrong on: broadcast_shape((2,), (4,))  -> gives (4,), correct is ValueError
def broadcast_shape(shape_a, shape_b):
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    out = []
    for n, k in zip(a, b):
        big, small = max(n, k), min(n, k)
        if big % small != 0:
            raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast")
        out.append(big)
    return tuple(out)
