# Mistake: takes the square root without clipping, so rounding below 0 gives NaN.
def pairwise_distances(a, b):
    sq = a @ b.T
    sq *= -2.0
    sq += (a * a).sum(axis=1)[:, np.newaxis]
    sq += (b * b).sum(axis=1)
    return np.sqrt(sq, out=sq)
