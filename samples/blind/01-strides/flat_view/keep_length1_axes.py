# Mistake: Applies the merge rule to every neighbouring pair without dropping length-1 axes, so an odd stride on a length-1 axis blocks the merge.
# Wrong on: flat_view(np.arange(12).reshape(3, 4)[:, ::2][:, None, :]) -> gives ValueError raised, correct is array([0, 2, 4, 6, 8, 10])
import numpy as np
from numpy.lib.stride_tricks import as_strided


def flat_view(x):
    for k in range(x.ndim - 1):
        if x.strides[k] != x.shape[k + 1] * x.strides[k + 1]:
            raise ValueError("cannot flatten without a copy")
    stride = x.strides[-1] if x.ndim else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
