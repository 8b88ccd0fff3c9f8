# Mistake: believes np.fmax / np.fmin are the "float-safe" maximum and minimum that clip uses, but they ignore NaN, so a NaN becomes lo instead of staying NaN.
# Wrong on: clipped_preview(<float64 file [nan, 5.0]>, np.float64, 0.0, 1.0) -> gives [0.0, 1.0], correct is [nan, 1.0]
import numpy as np


def clipped_preview(path, dtype, lo, hi):
    m = np.memmap(path, dtype=dtype, mode="c")
    np.fmax(m, lo, out=m)
    np.fmin(m, hi, out=m)
    return m
