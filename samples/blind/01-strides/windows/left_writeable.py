# Mistake: Thinks any view from as_strided is fine to hand out as is, leaving it writeable although the windows overlap.
# Wrong on: windows(np.arange(5), 3).flags.writeable -> gives True, correct is False
import numpy as np
from numpy.lib.stride_tricks import as_strided


def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("width must be between 1 and len(x)")
    s = x.strides[0]
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(s, s))
