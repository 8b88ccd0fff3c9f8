# Mistake: I located the axis to scale by matching len(weights) against arr.shape, since the weights' length already tells which axis they belong to.
# Wrong on: scale_along(np.ones((2, 2)), np.array([1.0, 2.0]), 1)  -> gives [[1., 1.], [2., 2.]], correct is [[1., 2.], [1., 2.]]
def scale_along(arr, weights, axis):
    axis = arr.shape.index(len(weights))
    shape = [1] * arr.ndim
    shape[axis] = -1
    return arr * weights.reshape(shape)
