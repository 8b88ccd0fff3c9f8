# Mistake: makes the array contiguous first, so the result is a view of a copy.
def flat_view(x):
    return np.reshape(np.ascontiguousarray(x), -1, copy=False)
