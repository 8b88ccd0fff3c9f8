# Mistake: keeps the running counts in an array of the file's own dtype ("the counts live alongside the data"), converting to int64 only at the end, so a small integer dtype silently wraps.
# Wrong on: stream_histogram(<int8 file of 300 zeros>, np.int8, 2, 0, 10, 100) -> gives [44, 0], correct is [300, 0]
import os

import numpy as np


def stream_histogram(path, dtype, bins, lo, hi, chunk):
    counts = np.zeros(bins, dtype=dtype)
    if os.path.getsize(path) == 0:
        return counts.astype(np.int64)
    mm = np.memmap(path, dtype=dtype, mode="r")
    for start in range(0, mm.size, chunk):
        h = np.histogram(mm[start:start + chunk], bins=bins, range=(lo, hi))[0]
        counts += h.astype(dtype)
    return counts.astype(np.int64)
