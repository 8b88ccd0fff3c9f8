# Mistake: I thought handling one row of a at a time is the smallest memory possible, so a[i] - b per row must fit any budget.
# Wrong on: nearest_distances(rng.random((50, 50)), rng.random((2000, 50)), 64_000)  -> peak about 1.6 MB (a[i] - b and its square, each m * d floats), budget 64 KB plus slack
def nearest_distances(a, b, max_bytes):
    out = np.empty(a.shape[0])
    for i in range(a.shape[0]):
        diff = a[i] - b
        out[i] = np.sqrt((diff * diff).sum(axis=1).min())
    return out
