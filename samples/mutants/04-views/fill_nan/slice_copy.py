# Mistake: x[:] copies a Python list, but for an array it is a view of the same buffer
def fill_nan(x):
    filled = x[:]
    means = np.nanmean(x, axis=0)
    rows, cols = np.nonzero(np.isnan(x))
    filled[rows, cols] = means[cols]
    return filled
