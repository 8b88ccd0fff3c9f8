# Mistake: believes np.asarray(a, dtype=np.float64) never copies, so works "in place" on it for accuracy; for a float32 a it is a new float64 array, the caller's a is untouched and a full-size (2x) copy is allocated.
# Wrong on: a = np.array([2.0], np.float32); fused_inplace(a, np.array([1.0], np.float32)) is a -> gives False (a still [2.0]), correct is True (a == [-3.0])
import numpy as np


def fused_inplace(a, b):
    a = np.asarray(a, dtype=np.float64)
    np.add(a, b, out=b)
    np.divide(a, -2, out=a)
    np.multiply(a, b, out=a)
    return a
