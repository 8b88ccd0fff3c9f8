# Mistake: believes float64 running sums of x and x**2 give an accurate std (var = E[x^2] - mean^2), which cancels catastrophically for values far from zero.
# Wrong on: stream_stats([np.array([1e9, 1e9 + 1.0]), np.array([1e9 + 2.0, 1e9 + 3.0])]) -> gives std 0.0, correct is 1.118033988749895
import math

import numpy as np


def stream_stats(chunks):
    n, s, ss = 0, 0.0, 0.0
    for c in chunks:
        c = np.asarray(c, dtype=np.float64)
        n += c.size
        s += float(c.sum())
        ss += float(np.dot(c, c))
    if n == 0:
        raise ValueError("no values")
    mean = s / n
    return n, mean, math.sqrt(max(ss / n - mean * mean, 0.0))
