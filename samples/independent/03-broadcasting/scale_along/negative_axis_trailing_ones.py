# Mistake: I counted the trailing 1s as arr.ndim - 1 - axis without turning a negative axis into a positive one first.
# Wrong on: scale_along(np.arange(6).reshape(2, 3), np.array([1, 10, 100]), -1)  -> gives an array of shape (3, 2, 3), correct is [[0, 10, 200], [3, 40, 500]]
def scale_along(arr, weights, axis):
    trailing = arr.ndim - 1 - axis
    return arr * weights.reshape((-1,) + (1,) * trailing)
