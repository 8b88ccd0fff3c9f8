# Mistake: Believes extra leading axes of length 1 in x are harmless and strips them, so x with more axes than the target is accepted.
# Wrong on: stretch_to(np.zeros((1, 3)), (3,)).shape -> gives (3,), correct is ValueError raised
import numpy as np
from numpy.lib.stride_tricks import as_strided


def stretch_to(x, shape):
    shape = tuple(shape)
    while x.ndim > len(shape) and x.shape[0] == 1:
        x = x[0]
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("x has more axes than the target shape")
    strides = [0] * lead
    for n, s, t in zip(x.shape, x.strides, shape[lead:]):
        if n == 1:
            strides.append(0)
        elif n == t:
            strides.append(s)
        else:
            raise ValueError(f"cannot stretch length {n} to {t}")
    return as_strided(x, shape=shape, strides=strides, writeable=False)
