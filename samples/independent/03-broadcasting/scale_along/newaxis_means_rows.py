# Mistake: I thought weights[:, np.newaxis] always lines the weights up with axis 0, whatever the number of dimensions (it does for 2-D arrays).
# Wrong on: scale_along(np.ones((2, 3, 4)), np.array([1.0, 2.0]), 0)  -> raises ValueError (shapes (2,1) and (2,3,4)), correct is an array of shape (2, 3, 4) with the second block doubled
def scale_along(arr, weights, axis):
    if axis == arr.ndim - 1 or axis == -1:
        return arr * weights                 # last axis: broadcasting lines it up already
    return arr * weights[:, np.newaxis]      # otherwise put the weights on the rows
