# Mistake: multiplies directly, so the weights always line up with the last axis.
def scale_along(arr, weights, axis):
    return arr * weights
