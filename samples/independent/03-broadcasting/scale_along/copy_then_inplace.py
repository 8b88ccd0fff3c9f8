# Mistake: I copied arr and multiplied the copy in place (one allocation, arr untouched), not realising that *= keeps the copy's dtype and refuses a float result in an int array.
# Wrong on: scale_along(np.arange(6).reshape(2, 3), np.array([0.5, 2.0]), 0)  -> raises UFuncTypeError (cannot cast float64 to int64), correct is [[0., 0.5, 1.], [6., 8., 10.]]
def scale_along(arr, weights, axis):
    shape = [1] * arr.ndim
    shape[axis] = -1
    out = arr.copy()
    out *= weights.reshape(shape)
    return out
