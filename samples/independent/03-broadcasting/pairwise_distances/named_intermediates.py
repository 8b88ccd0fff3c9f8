# Mistake: I gave every step its own name for readability, thinking an intermediate array is freed as soon as the next line no longer needs it, so four (n, m) arrays end up alive at once.
# Wrong on: pairwise_distances(rng.random((600, 2)), rng.random((600, 2)))  -> peak about 4 * 2.88 MB, the budget is 3 * 2.88 MB + 19 KB
def pairwise_distances(a, b):
    a_sq = (a * a).sum(axis=1)
    b_sq = (b * b).sum(axis=1)
    dots = a @ b.T
    sq = a_sq[:, np.newaxis] + b_sq[np.newaxis, :] - 2.0 * dots
    clipped = np.maximum(sq, 0.0)
    return np.sqrt(clipped)
