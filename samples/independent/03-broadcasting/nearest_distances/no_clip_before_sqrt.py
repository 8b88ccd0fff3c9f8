# Mistake: I assumed the expansion's minimum squared distance can never be negative, so I skipped the clip at 0 and rounding turns an exact match into NaN.
# Wrong on: nearest_distances(p, p, 10_000) with p = np.array([[0.6, 0.7, 0.5], [0.9, 0.8, 0.0]])  -> gives [nan, 0.], correct is [0., 0.] (within rounding)
def nearest_distances(a, b, max_bytes):
    n, m = a.shape[0], b.shape[0]
    b_sq = np.einsum("ij,ij->i", b, b)
    k = max(1, max_bytes // (2 * 8 * m))
    out = np.empty(n)
    for start in range(0, n, k):
        block = a[start:start + k]
        sq = block @ b.T
        sq *= -2.0
        sq += b_sq
        best = sq.min(axis=1)
        best += np.einsum("ij,ij->i", block, block)
        out[start:start + k] = np.sqrt(best)
    return out
