# Mistake: copies the weights out to the full size of arr before multiplying.
def scale_along(arr, weights, axis):
    shape = [1] * arr.ndim
    shape[axis] = -1
    full = np.broadcast_to(weights.reshape(shape), arr.shape).copy()
    return arr * full
