# Mistake: I padded the shorter shape with 1s but treated a 0 in the shapes as "no axis here" too (falsy like a missing entry), so it also broadcasts as 1.
# Wrong on: broadcast_shape((0,), (1,))  -> gives (1,), correct is (0,)
def broadcast_shape(shape_a, shape_b):
    ndim = max(len(shape_a), len(shape_b))
    a = [None] * (ndim - len(shape_a)) + list(shape_a)
    b = [None] * (ndim - len(shape_b)) + list(shape_b)
    out = []
    for n, k in zip(a, b):
        n = n or 1      # a missing axis counts as 1
        k = k or 1
        if n == k or k == 1:
            out.append(n)
        elif n == 1:
            out.append(k)
        else:
            raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast")
    return tuple(out)
