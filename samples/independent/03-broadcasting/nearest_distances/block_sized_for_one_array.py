# Mistake: I sized the block so that one (k, m) array fills max_bytes, not noticing that b_sq - 2 * (block @ b.T) holds two such arrays at once.
# Wrong on: nearest_distances(rng.random((1000, 3)), rng.random((500, 3)), 400_000)  -> peak about 1.3 MB (up to three (100, 500) arrays at once), budget 400 KB plus slack
def nearest_distances(a, b, max_bytes):
    n, m = a.shape[0], b.shape[0]
    b_sq = np.einsum("ij,ij->i", b, b)
    k = max(1, max_bytes // (8 * m))
    out = np.empty(n)
    for start in range(0, n, k):
        block = a[start:start + k]
        sq = b_sq - 2.0 * (block @ b.T)
        best = sq.min(axis=1) + np.einsum("ij,ij->i", block, block)
        out[start:start + k] = np.sqrt(np.maximum(best, 0.0))
    return out
