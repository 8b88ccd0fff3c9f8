# Mistake: np.asarray returns x itself when it is already a float64 array, so x is modified
def fill_nan(x):
    filled = np.asarray(x, dtype=float)
    means = np.nanmean(filled, axis=0)
    filled[np.isnan(filled)] = np.take(means, np.nonzero(np.isnan(filled))[1])
    return filled
