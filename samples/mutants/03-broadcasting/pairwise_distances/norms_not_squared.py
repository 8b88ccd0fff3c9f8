# Mistake: adds the norms |a_i| and |b_j| where the expansion needs their squares.
def pairwise_distances(a, b):
    sq = np.linalg.norm(a, axis=1)[:, np.newaxis] + np.linalg.norm(b, axis=1) - 2 * (a @ b.T)
    return np.sqrt(np.maximum(sq, 0.0))
