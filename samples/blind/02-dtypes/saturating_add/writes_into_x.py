# Mistake: Writes the clipped result back into x to save memory and returns x, not realising the caller's array is changed.
# Wrong on: (lambda v: (saturating_add(v, 1), v)[1])(np.array([1], dtype=np.uint8)) -> gives array([2], dtype=uint8), correct is array([1], dtype=uint8)
import numpy as np


def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    span = int(info.max) - int(info.min)
    k = max(-span, min(span, k))
    x[...] = np.clip(x.astype(np.int64) + k, info.min, info.max)
    return x
