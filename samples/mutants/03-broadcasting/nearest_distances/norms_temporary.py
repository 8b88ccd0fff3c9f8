# Mistake: blocks the expansion correctly but computes |b|^2 as (b * b).sum(axis=1), whose
# b-sized temporary alone is over the budget.
def nearest_distances(a, b, max_bytes):
    m = b.shape[0]
    rows = max(1, max_bytes // (2 * m * 8))
    b_sq = (b * b).sum(axis=1)
    out = np.empty(len(a))
    for start in range(0, len(a), rows):
        block = a[start : start + rows]
        sq = block @ b.T
        sq *= -2.0
        sq += b_sq
        nearest = sq.min(axis=1) + (block * block).sum(axis=1)
        out[start : start + rows] = np.sqrt(np.maximum(nearest, 0.0))
    return out
