# Mistake: Computes the squared norms of b as (b * b).sum(axis=1), not counting the b-sized product array it makes, which alone can exceed the budget.
# Wrong on: peak_memory(nearest_distances, np.ones((10, 8)), np.ones((20_000, 8)), 640_000)[1] <= 1.1 * 640_000 + 8 * 20_010 + 64_000 -> gives False, correct is True
import numpy as np


def nearest_distances(a, b, max_bytes):
    n, m = a.shape[0], b.shape[0]
    out = np.empty(n)
    b_sq = (b * b).sum(axis=1)
    rows = max(1, max_bytes // (2 * 8 * m))
    for start in range(0, n, rows):
        block = a[start : start + rows]
        sq = block @ b.T
        sq *= -2.0
        sq += b_sq
        best = sq.min(axis=1)
        best += np.einsum("ij,ij->i", block, block)
        np.maximum(best, 0.0, out=best)
        out[start : start + rows] = np.sqrt(best)
        del sq
    return out
