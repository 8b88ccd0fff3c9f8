# Mistake: Sizes each block so that one (k, m) array fits the budget, forgetting that the expression |a|^2 + |b|^2 - 2 a.b creates several such arrays at once.
# Wrong on: peak_memory(nearest_distances, np.ones((200, 8)), np.ones((2_000, 8)), 320_000)[1] <= 1.1 * 320_000 + 8 * 2_200 + 64_000 -> gives False, correct is True
import numpy as np


def nearest_distances(a, b, max_bytes):
    n, m = a.shape[0], b.shape[0]
    out = np.empty(n)
    b_sq = np.einsum("ij,ij->i", b, b)
    rows = max(1, max_bytes // (8 * m))
    for start in range(0, n, rows):
        block = a[start : start + rows]
        a_sq = np.einsum("ij,ij->i", block, block)
        sq = a_sq[:, np.newaxis] + b_sq - 2.0 * (block @ b.T)
        out[start : start + rows] = np.sqrt(np.maximum(sq.min(axis=1), 0.0))
        del sq
    return out
