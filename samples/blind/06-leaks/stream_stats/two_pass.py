# Mistake: believes the chunks can be looped over twice (first for the mean, then for the deviations), but a generator is exhausted after the first pass, so the second sees nothing.
# Wrong on: stream_stats(c for c in [np.array([1.0, 2.0]), np.array([3.0, 4.0])]) -> gives (4, 2.5, 0.0), correct is (4, 2.5, 1.118033988749895)
import math

import numpy as np


def stream_stats(chunks):
    n, s = 0, 0.0
    for c in chunks:
        c = np.asarray(c, dtype=np.float64)
        n += c.size
        s += float(c.sum())
    if n == 0:
        raise ValueError("no values")
    mean = s / n
    M = 0.0
    for c in chunks:
        d = np.asarray(c, dtype=np.float64) - mean
        M += float(np.dot(d, d))
    return n, mean, math.sqrt(M / n)
