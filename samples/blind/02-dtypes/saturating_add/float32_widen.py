# Mistake: Does the addition in float32, believing floats never overflow, but float32 cannot hold every 32-bit integer exactly.
# Wrong on: saturating_add(np.array([16777217], dtype=np.int32), 0) -> gives array([16777216], dtype=int32), correct is array([16777217], dtype=int32)
import numpy as np


def saturating_add(x, k):
    info = np.iinfo(x.dtype)
    span = int(info.max) - int(info.min)
    k = max(-span, min(span, k))
    total = x.astype(np.float32) + np.float32(k)
    return np.clip(total, info.min, info.max).astype(x.dtype)
