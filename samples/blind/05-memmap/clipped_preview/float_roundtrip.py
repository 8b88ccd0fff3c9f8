# Mistake: believes converting to float64 to clip and back is harmless, but float64 cannot hold every int64 value, so large integers change on the way.
# Wrong on: clipped_preview(<int64 file [2**62 + 1]>, np.int64, 0, 2**63 - 1)[0] -> gives 4611686018427387904, correct is 4611686018427387905
import numpy as np


def clipped_preview(path, dtype, lo, hi):
    m = np.memmap(path, dtype=dtype, mode="c")
    m[:] = np.clip(m.astype(np.float64), lo, hi)
    return m
