# Mistake: Checks the rule correctly but always walks with the last axis's stride, even when the last axis has length 1 and its stride means nothing.
# Wrong on: flat_view(np.arange(6).reshape(6, 1)[::2]) -> gives array([0, 1, 2]), correct is array([0, 2, 4])
import numpy as np
from numpy.lib.stride_tricks import as_strided


def flat_view(x):
    kept = [(n, s) for n, s in zip(x.shape, x.strides) if n != 1]
    for (n0, s0), (n1, s1) in zip(kept, kept[1:]):
        if s0 != n1 * s1:
            raise ValueError("axes cannot be merged without a copy")
    stride = x.strides[-1] if x.ndim else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
