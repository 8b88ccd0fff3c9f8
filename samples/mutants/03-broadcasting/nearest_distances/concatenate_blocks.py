# Mistake: collects the blocks' answers in a list and concatenates them, which fails when a has no rows.
def nearest_distances(a, b, max_bytes):
    m = b.shape[0]
    rows = max(1, max_bytes // (2 * m * 8))
    b_sq = np.vecdot(b, b)
    parts = []
    for start in range(0, len(a), rows):
        block = a[start : start + rows]
        sq = block @ b.T
        sq *= -2.0
        sq += b_sq
        nearest = sq.min(axis=1)
        nearest += np.vecdot(block, block)
        np.maximum(nearest, 0.0, out=nearest)
        parts.append(np.sqrt(nearest))
        del sq
    return np.concatenate(parts)
