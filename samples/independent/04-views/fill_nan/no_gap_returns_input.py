# Mistake: I thought that without any NaN there is nothing to change, so returning x itself is as good as a new array.
# Wrong on: fill_nan(np.ones((2, 2)))  -> returns x itself (writing to the result changes x), correct is a new array equal to x
def fill_nan(x):
    gaps = np.isnan(x)
    if not gaps.any():
        return x
    filled = x.copy()
    rows, cols = np.nonzero(gaps)
    filled[rows, cols] = np.nanmean(x, axis=0)[cols]
    return filled
