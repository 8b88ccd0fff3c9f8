# Mistake: I computed in float32 to halve the memory, thinking distances lose nothing that matters; the result is not the float64 distances asked for.
# Wrong on: pairwise_distances(np.array([[0.1]]), np.array([[0.3]]))  -> gives float32 [[0.2]] (0.20000000298...), correct is float64 [[0.2]] (0.19999999999999998 within 1e-9)
def pairwise_distances(a, b):
    a = a.astype(np.float32)
    b = b.astype(np.float32)
    sq = a @ b.T
    sq *= -2.0
    sq += (a * a).sum(axis=1)[:, np.newaxis]
    sq += (b * b).sum(axis=1)
    np.maximum(sq, 0.0, out=sq)
    return np.sqrt(sq, out=sq)
