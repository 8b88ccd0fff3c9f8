# Mistake: Uses x.itemsize for both strides, assuming x is contiguous, so a stepped or reversed x gives the wrong elements.
# Wrong on: windows(np.arange(6)[::2], 2) -> gives array([[0, 1], [1, 2]]), correct is array([[0, 2], [2, 4]])
import numpy as np
from numpy.lib.stride_tricks import as_strided


def windows(x, width):
    if width > len(x) or width < 1:
        raise ValueError("width must be between 1 and len(x)")
    return as_strided(
        x, shape=(len(x) - width + 1, width), strides=(x.itemsize, x.itemsize), writeable=False
    )
