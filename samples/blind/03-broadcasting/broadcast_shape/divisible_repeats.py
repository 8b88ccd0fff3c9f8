# Mistake: Thinks broadcasting repeats a shorter axis like np.tile whenever its length divides the longer one, not only when it is 1.
# Wrong on: broadcast_shape((4,), (2,)) -> gives (4,), correct is ValueError raised
def broadcast_shape(shape_a, shape_b):
    nd = max(len(shape_a), len(shape_b))
    a = (1,) * (nd - len(shape_a)) + tuple(shape_a)
    b = (1,) * (nd - len(shape_b)) + tuple(shape_b)
    out = []
    for n, k in zip(a, b):
        if n == k:
            out.append(n)
        elif n == 1 or k == 1:
            out.append(k if n == 1 else n)
        elif min(n, k) > 0 and max(n, k) % min(n, k) == 0:
            out.append(max(n, k))
        else:
            raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast")
    return tuple(out)
