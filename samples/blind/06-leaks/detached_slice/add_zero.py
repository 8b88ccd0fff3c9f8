# Mistake: believes any arithmetic like `+ 0` makes a fresh copy of exactly the same array, but it can change the dtype (booleans become integers).
# Wrong on: detached_slice(np.array([True, False, True]), 0, 2).dtype -> gives int64, correct is bool
import numpy as np


def detached_slice(x, start, stop):
    return x[start:stop] + 0
