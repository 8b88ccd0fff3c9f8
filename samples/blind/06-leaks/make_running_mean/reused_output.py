# Mistake: believes writing every mean into one preallocated out= buffer saves memory harmlessly, but it returns the same array each time, so a later call changes a result the caller already holds.
# Wrong on: u = make_running_mean(2); r1 = u(np.array([1.0, 2.0])); u(np.array([3.0, 4.0])); r1 -> gives [2., 3.], correct is [1., 2.]
from collections import deque

import numpy as np


def make_running_mean(window):
    recent = deque(maxlen=window)
    out = None

    def update(x):
        nonlocal out
        recent.append(np.array(x, dtype=np.float64, copy=True))
        if out is None:
            out = np.empty(len(x), dtype=np.float64)
        np.mean(recent, axis=0, out=out)
        return out

    return update
