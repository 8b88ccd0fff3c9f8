# Mistake: sizes blocks by the (k, m) distance matrix but still builds the (k, m, d)
# difference array.
def nearest_distances(a, b, max_bytes):
    rows = max(1, max_bytes // (2 * b.shape[0] * 8))
    out = np.empty(len(a))
    for start in range(0, len(a), rows):
        diff = a[start : start + rows, np.newaxis, :] - b[np.newaxis, :, :]
        diff **= 2
        out[start : start + rows] = np.sqrt(diff.sum(axis=-1).min(axis=1))
        del diff
    return out
