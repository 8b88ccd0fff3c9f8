# Mistake: believes float64 running sums of x and x**2 are accurate enough, using var = E[x^2] - E[x]^2, which cancels catastrophically for data far from zero.
# Wrong on: stream_mean_var(<float64 file 1e9 + [0, 1, 2, 3]>, np.float64, 2) -> gives (1000000001.5, 0.0), correct is (1000000001.5, 1.25)
import numpy as np


def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    n = 0
    s = 0.0
    ss = 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start:start + chunk].astype(np.float64)
        n += block.size
        s += float(block.sum())
        ss += float(np.dot(block, block))
    mean = s / n
    return mean, ss / n - mean * mean
