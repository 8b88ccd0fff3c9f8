# Mistake: makes the array contiguous first, so the result is a view of a copy.
def flat_view(x):
    y = np.ascontiguousarray(x)
    return as_strided(y, shape=(y.size,), strides=(y.itemsize,))
