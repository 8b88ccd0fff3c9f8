# Mistake: believes np.asfortranarray always makes a new (column-major, "faster for columns") array, but when x is already Fortran-contiguous it returns x itself, so the gaps are filled in the caller's array.
# Wrong on: g = np.asfortranarray([[1.0, np.nan], [3.0, 4.0]]); fill_nan(g); g -> gives [[1, 4], [3, 4]] (changed), correct is g unchanged [[1, nan], [3, 4]]
import numpy as np


def fill_nan(x):
    filled = np.asfortranarray(x)
    means = np.nanmean(filled, axis=0)
    rows, cols = np.nonzero(np.isnan(filled))
    filled[rows, cols] = means[cols]
    return filled
