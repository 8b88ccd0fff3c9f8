# Mistake: sums over the axis of b's rows instead of the coordinates.
def pairwise_distances(a, b):
    diff = a[:, np.newaxis, :] - b[np.newaxis, :, :]
    return np.sqrt((diff**2).sum(axis=1))
