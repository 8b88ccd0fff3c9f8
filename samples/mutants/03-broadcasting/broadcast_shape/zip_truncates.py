# Mistake: zips the shapes from the right without padding: the longer shape's leading axes are lost.
def broadcast_shape(shape_a, shape_b):
    result = []
    for n, k in zip(reversed(shape_a), reversed(shape_b)):
        if n == k or k == 1:
            result.append(n)
        elif n == 1:
            result.append(k)
        else:
            raise ValueError(f"cannot broadcast {shape_a} and {shape_b}")
    return tuple(reversed(result))
