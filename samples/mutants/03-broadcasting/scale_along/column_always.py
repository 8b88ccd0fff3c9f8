# Mistake: always turns the weights into a column, which is right only for axis 0 of a 2-D array.
def scale_along(arr, weights, axis):
    return arr * weights[:, np.newaxis]
