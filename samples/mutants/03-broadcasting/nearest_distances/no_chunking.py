# Mistake: ignores the budget and builds the whole (n, m, d) difference array.
def nearest_distances(a, b, max_bytes):
    diff = a[:, np.newaxis, :] - b[np.newaxis, :, :]
    return np.sqrt((diff**2).sum(axis=-1).min(axis=1))
