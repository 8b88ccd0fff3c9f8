# Mistake: the squared norms are summed over the rows (axis 0) instead of the coordinates.
def pairwise_distances(a, b):
    sq = (a * a).sum(axis=0)[:, np.newaxis] + (b * b).sum(axis=0) - 2 * (a @ b.T)
    return np.sqrt(np.maximum(sq, 0.0))
