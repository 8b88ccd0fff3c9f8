# Mistake: multiplies a copy of arr in place, so the result keeps arr's dtype instead of NumPy's promotion of arr * weights.
def scale_along(arr, weights, axis):
    shape = [1] * arr.ndim
    shape[axis] = -1
    out = arr.copy()
    out *= weights.reshape(shape).astype(arr.dtype)
    return out
