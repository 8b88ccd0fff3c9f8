# Mistake: believes every chunk can be merged with the same formula, not guarding against an empty chunk, whose mean is NaN and then poisons the running mean.
# Wrong on: stream_stats([np.array([1.0, 2.0]), np.array([]), np.array([3.0])]) -> gives (3, nan, nan), correct is (3, 2.0, 0.816496580927726)
import math

import numpy as np


def stream_stats(chunks):
    n, mean, M = 0, 0.0, 0.0
    for c in chunks:
        c = np.asarray(c, dtype=np.float64)
        nb = c.size
        mb = float(c.mean())
        d = c - mb
        Mb = float(np.dot(d, d))
        total = n + nb
        delta = mb - mean
        if total:
            mean += delta * nb / total
            M += Mb + delta * delta * n * nb / total
        n = total
    if n == 0:
        raise ValueError("no values")
    return n, float(mean), math.sqrt(M / n)
