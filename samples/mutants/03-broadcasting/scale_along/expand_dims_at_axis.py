# Mistake: inserts the new axis at position `axis` of the weights instead of moving them there.
def scale_along(arr, weights, axis):
    return arr * np.expand_dims(weights, axis)
