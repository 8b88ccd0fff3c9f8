# Mistake: np.asarray does not copy an array that is already an ndarray: still a view.
def detached_slice(x, start, stop):
    return np.asarray(x[start:stop])
