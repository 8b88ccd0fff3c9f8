# Mistake: believes a copy with x.copy() is all that is needed, and that np.mean returns float64 anyway, but for float16 (or float32) inputs the stacked copies and their mean stay in that dtype.
# Wrong on: make_running_mean(2)(np.array([1.0, 2.0], dtype=np.float16)).dtype -> gives float16, correct is float64
from collections import deque

import numpy as np


def make_running_mean(window):
    recent = deque(maxlen=window)

    def update(x):
        recent.append(x.copy())
        return np.mean(recent, axis=0)

    return update
