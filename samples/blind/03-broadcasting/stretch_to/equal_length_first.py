# Mistake: Tests "same length keeps x's stride" before "length 1 gets stride 0", so a length-1 axis stretched to 1 keeps its own stride instead of 0.
# Wrong on: stretch_to(np.arange(3.0).reshape(3, 1), (3, 1)).strides -> gives (8, 8), correct is (8, 0)
import numpy as np
from numpy.lib.stride_tricks import as_strided


def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("x has more axes than the target shape")
    strides = [0] * lead
    for n, s, t in zip(x.shape, x.strides, shape[lead:]):
        if n == t:
            strides.append(s)
        elif n == 1:
            strides.append(0)
        else:
            raise ValueError(f"cannot stretch length {n} to {t}")
    return as_strided(x, shape=shape, strides=strides, writeable=False)
