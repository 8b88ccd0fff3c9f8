# Mistake: I cast the weights to arr's dtype first, thinking the result should keep arr's dtype, so fractional weights on an integer array get truncated.
# Wrong on: scale_along(np.arange(6).reshape(2, 3), np.array([0.5, 2.0]), 0)  -> gives [[0, 0, 0], [6, 8, 10]] (int), correct is [[0., 0.5, 1.], [6., 8., 10.]]
def scale_along(arr, weights, axis):
    shape = [1] * arr.ndim
    shape[axis] = -1
    return arr * weights.astype(arr.dtype).reshape(shape)
