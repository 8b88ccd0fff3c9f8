# Mistake: Thinks the 1-rule is symmetric, so when the target has length 1 any length of x is accepted (reading just its first element).
# Wrong on: stretch_to(np.arange(3.0), (1,)) -> gives array([0.]), correct is ValueError raised
import numpy as np
from numpy.lib.stride_tricks import as_strided


def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("x has more axes than the target shape")
    strides = [0] * lead
    for n, s, t in zip(x.shape, x.strides, shape[lead:]):
        if n == 1 or t == 1:
            strides.append(0)
        elif n == t:
            strides.append(s)
        else:
            raise ValueError(f"cannot stretch length {n} to {t}")
    return as_strided(x, shape=shape, strides=strides, writeable=False)
