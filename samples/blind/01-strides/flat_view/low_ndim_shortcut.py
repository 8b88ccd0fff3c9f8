# Mistake: Assumes an array with fewer than two axes is already flat and returns a plain view of it, so a 0-d array keeps shape ().
# Wrong on: flat_view(np.array(5.0)).shape -> gives (), correct is (1,)
import numpy as np
from numpy.lib.stride_tricks import as_strided


def flat_view(x):
    if x.ndim < 2:
        return x.view()
    kept = [(n, s) for n, s in zip(x.shape, x.strides) if n != 1]
    for (n0, s0), (n1, s1) in zip(kept, kept[1:]):
        if s0 != n1 * s1:
            raise ValueError("axes cannot be merged without a copy")
    stride = kept[-1][1] if kept else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
