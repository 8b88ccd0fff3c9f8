# Mistake: I collected each block's minima in a list and joined them with np.concatenate, not thinking of an empty a, where there is no block to join.
# Wrong on: nearest_distances(np.zeros((0, 2)), np.array([[1.0, 0.0]]), 10_000)  -> raises ValueError (need at least one array to concatenate), correct is an empty float64 array of shape (0,)
def nearest_distances(a, b, max_bytes):
    n, m = a.shape[0], b.shape[0]
    b_sq = np.einsum("ij,ij->i", b, b)
    k = max(1, max_bytes // (2 * 8 * m))
    parts = []
    for start in range(0, n, k):
        block = a[start:start + k]
        sq = block @ b.T
        sq *= -2.0
        sq += b_sq
        best = sq.min(axis=1)
        best += np.einsum("ij,ij->i", block, block)
        np.maximum(best, 0.0, out=best)
        parts.append(np.sqrt(best))
    return np.concatenate(parts)
