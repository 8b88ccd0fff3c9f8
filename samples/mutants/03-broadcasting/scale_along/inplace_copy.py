# Mistake: multiplies a copy of arr in place, so the result keeps arr's dtype (int8 data wraps around) or raises for float weights on integers, instead of taking NumPy's promotion of arr * weights.
def scale_along(arr, weights, axis):
    shape = [1] * arr.ndim
    shape[axis] = -1
    out = arr.copy()
    out *= weights.reshape(shape).astype(arr.dtype)
    return out
