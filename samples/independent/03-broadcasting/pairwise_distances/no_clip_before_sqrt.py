# Mistake: I trusted the expansion to give a non-negative squared distance, so I take the square root directly; rounding makes some zero distances slightly negative and sqrt turns them into NaN.
# Wrong on: pairwise_distances(p, p) with p = np.array([[0.6, 0.7, 0.5], [0.9, 0.8, 0.0]])  -> gives nan at [0, 0], correct is 0.0 there (no NaN anywhere)
def pairwise_distances(a, b):
    sq = a @ b.T
    sq *= -2.0
    sq += (a * a).sum(axis=1)[:, np.newaxis]
    sq += (b * b).sum(axis=1)
    return np.sqrt(sq)
