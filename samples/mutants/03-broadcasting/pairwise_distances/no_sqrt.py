# Mistake: returns squared distances.
def pairwise_distances(a, b):
    sq = (a * a).sum(axis=1)[:, np.newaxis] + (b * b).sum(axis=1) - 2 * (a @ b.T)
    return np.maximum(sq, 0.0)
