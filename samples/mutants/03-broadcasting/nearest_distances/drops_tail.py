# Mistake: only whole blocks are processed; the rows of a last, shorter block are left at 0.
def nearest_distances(a, b, max_bytes):
    m = b.shape[0]
    rows = max(1, max_bytes // (2 * m * 8))
    b_sq = np.vecdot(b, b)
    out = np.zeros(len(a))
    for start in range(0, len(a) - rows + 1, rows):
        block = a[start : start + rows]
        sq = block @ b.T
        sq *= -2.0
        sq += b_sq
        nearest = sq.min(axis=1) + np.vecdot(block, block)
        out[start : start + rows] = np.sqrt(np.maximum(nearest, 0.0))
    return out
