# Mistake: takes the larger length on each axis, so a 1 "stretches" to 1 against a 0.
def broadcast_shape(shape_a, shape_b):
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    result = []
    for n, k in zip(a, b):
        if n != k and n != 1 and k != 1:
            raise ValueError(f"cannot broadcast {shape_a} and {shape_b}")
        result.append(max(n, k))
    return tuple(result)
