# Mistake: multiplies by 1 / span instead of dividing by span, taking them to be the same in floating point; a row's largest value can end up 0.9999999999999999.
def rescale_rows(x):
    low = x.min(axis=1, keepdims=True)
    scale = x.max(axis=1, keepdims=True)
    scale -= low
    np.divide(1.0, scale, out=scale)
    x -= low
    x *= scale
    return x
