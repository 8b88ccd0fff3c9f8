# Mistake: believes fancy indexing with np.arange(start, stop) is the same selection as the slice start:stop (only as a copy), but negative and mixed-sign bounds do not follow slice rules.
# Wrong on: detached_slice(np.arange(5.0), -2, 0) -> gives [3.0, 4.0], correct is [] (x[-2:0] is empty)
import numpy as np


def detached_slice(x, start, stop):
    return x[np.arange(start, stop)]
