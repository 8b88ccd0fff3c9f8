# Mistake: believes integer arithmetic is exact, so for integer files keeps the shifted values and their squares in the file's integer dtype, which silently overflows.
# Wrong on: stream_mean_var(<int16 file [0, 300]>, np.int16, 2) -> gives (150.0, -10268.0) (90000 wraps in int16), correct is (150.0, 22500.0)
import numpy as np


def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    shift = mm[0]
    n = 0
    s = 0.0
    ss = 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start:start + chunk]
        d = block - shift
        n += d.size
        s += float(d.sum(dtype=np.float64))
        ss += float(np.dot(d, d))
    m = s / n
    return float(shift) + m, ss / n - m * m
