# Mistake: Halves the memory by doing the expansion in float32 and converting back to float64, believing the centring keeps it accurate enough.
# Wrong on: pairwise_distances(np.array([[4.0, 18.8], [7.3, 2.1]]), np.array([[12.6, 18.5]]))[1, 0] -> gives 17.23513985 (off by 1.3e-6), correct is 17.23513853 (np.hypot(5.3, 16.4), within 1e-6)
import numpy as np


def pairwise_distances(a, b):
    centre = (a.sum(axis=0) + b.sum(axis=0)) / (len(a) + len(b))
    a = (a - centre).astype(np.float32)
    b = (b - centre).astype(np.float32)
    sq = a @ b.T
    sq *= -2.0
    sq += np.einsum("ij,ij->i", a, a)[:, np.newaxis]
    sq += np.einsum("ij,ij->i", b, b)
    np.maximum(sq, 0.0, out=sq)
    return np.sqrt(sq).astype(np.float64)
