# Mistake: Copies arr and multiplies the copy in place to save a temporary, not realising in-place keeps arr's dtype (int data with int64 weights wraps, float weights raise).
# Wrong on: scale_along(np.array([100], dtype=np.int8), np.array([3]), 0) -> gives array([44], dtype=int8), correct is array([300])
import numpy as np


def scale_along(arr, weights, axis):
    shape = [1] * arr.ndim
    shape[axis] = -1
    out = arr.copy()
    out *= weights.reshape(shape)
    return out
