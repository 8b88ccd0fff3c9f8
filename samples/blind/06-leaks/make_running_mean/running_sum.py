# Mistake: believes a running float64 sum (add the new array, subtract the one that drops out) is exact, but after a huge value passes through the window the small ones are lost.
# Wrong on: u = make_running_mean(2); u(np.array([1e20])); u(np.array([1.0])); u(np.array([1.0])) -> gives [0.], correct is [1.]
from collections import deque

import numpy as np


def make_running_mean(window):
    recent = deque()
    total = None

    def update(x):
        nonlocal total
        x64 = np.array(x, dtype=np.float64, copy=True)
        if total is None:
            total = np.zeros_like(x64)
        recent.append(x64)
        total += x64
        if len(recent) > window:
            total -= recent.popleft()
        return total / len(recent)

    return update
