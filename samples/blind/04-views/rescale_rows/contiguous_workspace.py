# Mistake: believes np.ascontiguousarray(x) gives the same array in a faster layout, and updates that in place; for a non-contiguous x it is a copy, so the caller's array never changes.
# Wrong on: base = np.array([[0.0, 2.0], [4.0, 4.0], [1.0, 3.0], [9.0, 9.0]]); rescale_rows(base[::2]); base[0] -> gives [0, 2], correct is [0, 1]
import numpy as np


def rescale_rows(x):
    work = np.ascontiguousarray(x)
    low = work.min(axis=1, keepdims=True)
    span = work.max(axis=1, keepdims=True)
    np.subtract(span, low, out=span)
    np.subtract(work, low, out=work)
    np.divide(work, span, out=work)
    return x
