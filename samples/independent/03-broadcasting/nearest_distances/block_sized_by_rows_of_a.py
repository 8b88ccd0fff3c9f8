# Mistake: I sized the block by the bytes of the rows of a it holds (k * d floats), forgetting that the arrays it creates are (k, m), one float per pair.
# Wrong on: nearest_distances(rng.random((1000, 2)), rng.random((1000, 2)), 32_000)  -> peak about 8 MB (a (1000, 1000) array), budget 32 KB plus slack
def nearest_distances(a, b, max_bytes):
    n, d = a.shape
    b_sq = np.einsum("ij,ij->i", b, b)
    k = max(1, max_bytes // (2 * 8 * d))
    out = np.empty(n)
    for start in range(0, n, k):
        block = a[start:start + k]
        sq = block @ b.T
        sq *= -2.0
        sq += b_sq
        best = sq.min(axis=1)
        best += np.einsum("ij,ij->i", block, block)
        np.maximum(best, 0.0, out=best)
        out[start:start + k] = np.sqrt(best)
    return out
