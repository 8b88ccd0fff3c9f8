# Mistake: Takes the length of diagonal k as min(a.shape) - abs(k), which is only right for square matrices.
# Wrong on: diagonal_view(np.arange(8.0).reshape(2, 4), 1) -> gives array([1.]), correct is array([1., 6.])
import numpy as np
from numpy.lib.stride_tricks import as_strided


def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(a.shape) - abs(k)
    return as_strided(start, shape=(n,), strides=(a.strides[0] + a.strides[1],))
