# Mistake: casts the weights to arr's dtype first, so float weights are truncated and int8 products wrap around.
def scale_along(arr, weights, axis):
    shape = [1] * arr.ndim
    shape[axis] = -1
    return arr * weights.astype(arr.dtype).reshape(shape)
