# Mistake: Clamps k only to the int64 range so that it "fits", then adds in int64, where x + k can still wrap around.
# Wrong on: saturating_add(np.array([5], dtype=np.uint8), 10**30) -> gives array([0], dtype=uint8), correct is array([255], dtype=uint8)
import numpy as np


def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    k = max(min(k, np.iinfo(np.int64).max), np.iinfo(np.int64).min)
    total = x.astype(np.int64) + k
    return np.clip(total, info.min, info.max).astype(x.dtype)
