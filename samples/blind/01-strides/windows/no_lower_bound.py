# Mistake: Only checks that width is not larger than len(x), forgetting that a width below 1 must also raise.
# Wrong on: windows(np.arange(5), 0).shape -> gives (6, 0), correct is ValueError raised
import numpy as np
from numpy.lib.stride_tricks import as_strided


def windows(x, width):
    if width > len(x):
        raise ValueError("window wider than the array")
    s = x.strides[0]
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(s, s), writeable=False)
