# Mistake: I thought the norms must be expanded to the full (n, m) shape before they can be added, so I tile them with np.tile as in pre-broadcasting code.
# Wrong on: pairwise_distances(rng.random((600, 2)), rng.random((600, 2)))  -> peak about 4 * 2.88 MB, the budget is 3 * 2.88 MB + 19 KB
def pairwise_distances(a, b):
    n, m = a.shape[0], b.shape[0]
    a_sq = np.tile((a * a).sum(axis=1)[:, np.newaxis], (1, m))
    b_sq = np.tile((b * b).sum(axis=1), (n, 1))
    sq = a_sq + b_sq
    sq -= 2.0 * (a @ b.T)
    np.maximum(sq, 0.0, out=sq)
    return np.sqrt(sq, out=sq)
