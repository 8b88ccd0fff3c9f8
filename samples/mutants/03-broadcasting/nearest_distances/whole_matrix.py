# Mistake: uses the expansion but for all rows at once: the (n, m) matrix ignores the budget.
def nearest_distances(a, b, max_bytes):
    sq = a @ b.T
    sq *= -2.0
    sq += np.vecdot(b, b)
    nearest = sq.min(axis=1) + np.vecdot(a, a)
    return np.sqrt(np.maximum(nearest, 0.0))
