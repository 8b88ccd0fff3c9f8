# Mistake: asks np.broadcast for the shape (a NumPy broadcasting function), falling back on
# the rules only when that fails.
def broadcast_shape(shape_a, shape_b):
    try:
        return np.broadcast(np.empty(shape_a), np.empty(shape_b)).shape
    except ValueError:
        raise
    except Exception:
        ndim = max(len(shape_a), len(shape_b))
        a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
        b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
        return tuple(max(n, k) if 1 in (n, k) else n for n, k in zip(a, b))
