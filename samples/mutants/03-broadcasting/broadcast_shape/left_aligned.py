# Mistake: pads the shorter shape with 1s on the right, so shapes line up from the left.
def broadcast_shape(shape_a, shape_b):
    ndim = max(len(shape_a), len(shape_b))
    a = tuple(shape_a) + (1,) * (ndim - len(shape_a))
    b = tuple(shape_b) + (1,) * (ndim - len(shape_b))
    result = []
    for n, k in zip(a, b):
        if n == k or k == 1:
            result.append(n)
        elif n == 1:
            result.append(k)
        else:
            raise ValueError(f"cannot broadcast {shape_a} and {shape_b}")
    return tuple(result)
