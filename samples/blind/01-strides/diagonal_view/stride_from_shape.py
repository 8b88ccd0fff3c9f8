# Mistake: Computes the diagonal step as itemsize * (ncols + 1), assuming a C-contiguous layout instead of using a.strides.
# Wrong on: diagonal_view(np.arange(6.0).reshape(2, 3).T) -> gives array([0., 3.]), correct is array([0., 4.])
import numpy as np
from numpy.lib.stride_tricks import as_strided


def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(start.shape)
    step = a.itemsize * (a.shape[1] + 1)
    return as_strided(start, shape=(n,), strides=(step,))
