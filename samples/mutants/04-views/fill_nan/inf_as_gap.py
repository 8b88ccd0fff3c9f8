# Mistake: treats every non-finite value as a gap, so inf and -inf are replaced by a mean instead of kept
def fill_nan(x):
    finite = np.isfinite(x)
    means = np.nanmean(np.where(finite, x, np.nan), axis=0)
    return np.where(finite, x, means).astype(x.dtype)
