# Mistake: centres each cloud on its own mean, which moves the clouds against each other and changes the distances.
def pairwise_distances(a, b):
    a = a - a.mean(axis=0)
    b = b - b.mean(axis=0)
    sq = a @ b.T
    sq *= -2.0
    sq += (a * a).sum(axis=1)[:, np.newaxis]
    sq += (b * b).sum(axis=1)
    np.maximum(sq, 0.0, out=sq)
    return np.sqrt(sq, out=sq)
