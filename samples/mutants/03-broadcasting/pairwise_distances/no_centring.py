# Mistake: uses the expansion on the raw coordinates, so far from the origin the terms cancel and small distances lose their digits.
def pairwise_distances(a, b):
    sq = a @ b.T
    sq *= -2.0
    sq += (a * a).sum(axis=1)[:, np.newaxis]
    sq += (b * b).sum(axis=1)
    np.maximum(sq, 0.0, out=sq)
    return np.sqrt(sq, out=sq)
