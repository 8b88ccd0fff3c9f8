# Mistake: I filled the gaps in x itself, copied it, then put the NaNs back, thinking x ends up unchanged so no harm is done; a read-only x cannot be written even temporarily.
# Wrong on: fill_nan(read_only) with read_only = np.array([[1.0, np.nan], [3.0, 4.0]]); read_only.flags.writeable = False  -> raises ValueError (assignment destination is read-only), correct is [[1., 4.], [3., 4.]]
def fill_nan(x):
    gaps = np.isnan(x)
    rows, cols = np.nonzero(gaps)
    means = np.nanmean(x, axis=0)
    x[rows, cols] = means[cols]
    filled = x.copy()
    x[rows, cols] = np.nan
    return filled
