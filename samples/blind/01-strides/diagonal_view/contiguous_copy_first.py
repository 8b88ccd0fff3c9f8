# Mistake: Calls np.ascontiguousarray first to make the strides "safe", which silently copies a non-contiguous input so writes no longer reach a.
# Wrong on: (lambda a: np.shares_memory(diagonal_view(a.T), a))(np.arange(6.0).reshape(2, 3)) -> gives False, correct is True
import numpy as np
from numpy.lib.stride_tricks import as_strided


def diagonal_view(a, k=0):
    a = np.ascontiguousarray(a)
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(start.shape)
    return as_strided(start, shape=(n,), strides=(a.strides[0] + a.strides[1],))
