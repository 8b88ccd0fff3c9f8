# Mistake: believes np.zeros(bins) makes integer counts, so the empty-file shortcut returns float64 zeros (the non-empty path happens to give int64 from np.histogram).
# Wrong on: stream_histogram(<empty file>, np.float64, 4, 0.0, 1.0, 8).dtype -> gives float64, correct is int64
import os

import numpy as np


def stream_histogram(path, dtype, bins, lo, hi, chunk):
    if os.path.getsize(path) == 0:
        return np.zeros(bins)
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = None
    for start in range(0, mm.size, chunk):
        h = np.histogram(mm[start:start + chunk], bins=bins, range=(lo, hi))[0]
        counts = h if counts is None else counts + h
    return counts
