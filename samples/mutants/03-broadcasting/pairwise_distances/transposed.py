# Mistake: puts b's rows first, giving the (m, n) transpose of the answer.
def pairwise_distances(a, b):
    sq = (b * b).sum(axis=1)[:, np.newaxis] + (a * a).sum(axis=1) - 2 * (b @ a.T)
    return np.sqrt(np.maximum(sq, 0.0))
