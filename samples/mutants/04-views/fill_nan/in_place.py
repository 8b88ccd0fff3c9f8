# Mistake: fills the gaps in x itself and returns it, changing the caller's data
def fill_nan(x):
    means = np.nanmean(x, axis=0)
    rows, cols = np.nonzero(np.isnan(x))
    x[rows, cols] = means[cols]
    return x
