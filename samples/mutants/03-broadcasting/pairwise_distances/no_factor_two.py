# Mistake: forgets the factor 2 in front of the dot products.
def pairwise_distances(a, b):
    sq = (a * a).sum(axis=1)[:, np.newaxis] + (b * b).sum(axis=1) - a @ b.T
    return np.sqrt(np.maximum(sq, 0.0))
