# Mistake: remembers that flatten always copies and uses it to detach the slice, forgetting that it also flattens the rows of a multi-dimensional array.
# Wrong on: detached_slice(np.arange(12.0).reshape(4, 3), 1, 3).shape -> gives (6,), correct is (2, 3)
import numpy as np


def detached_slice(x, start, stop):
    return x[start:stop].flatten()
