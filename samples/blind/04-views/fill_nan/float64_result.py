# Mistake: makes the private copy with np.array(x, dtype=float), believing "float" keeps the float type of x, but it always makes float64.
# Wrong on: fill_nan(np.array([[1.0, np.nan], [3.0, 4.0]], dtype=np.float32)).dtype -> gives float64, correct is float32
import numpy as np


def fill_nan(x):
    filled = np.array(x, dtype=float)
    means = np.nanmean(filled, axis=0)
    rows, cols = np.nonzero(np.isnan(filled))
    filled[rows, cols] = means[cols]
    return filled
