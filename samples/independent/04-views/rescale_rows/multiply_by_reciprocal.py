# Mistake: I computed 1 / span once and multiplied by it, thinking x * (1 / span) equals x / span in floating point, but it can miss 1 for the largest value.
# Wrong on: rescale_rows(np.array([[0.0, 49.0]]))  -> gives [[0., 0.9999999999999999]], correct is [[0., 1.]]
def rescale_rows(x):
    low = x.min(axis=1, keepdims=True)
    inv = x.max(axis=1, keepdims=True)
    inv -= low
    np.reciprocal(inv, out=inv)
    x -= low
    x *= inv
    return x
