# Mistake: believes converting each chunk to float64 first makes the histogram more accurate, but np.histogram then computes the edges in float64, and a float32 value next to an edge lands in the neighbouring bin.
# Wrong on: stream_histogram(<float32 file [0.7]>, np.float32, 10, 0.0, 1.0, 4) -> gives a count in bin 6, correct is bin 7 (np.histogram on the float32 values)
import os

import numpy as np


def stream_histogram(path, dtype, bins, lo, hi, chunk):
    counts = np.zeros(bins, dtype=np.int64)
    if os.path.getsize(path) == 0:
        return counts
    mm = np.memmap(path, dtype=dtype, mode="r")
    for start in range(0, mm.size, chunk):
        block = mm[start:start + chunk].astype(np.float64)
        counts += np.histogram(block, bins=bins, range=(lo, hi))[0]
    return counts
