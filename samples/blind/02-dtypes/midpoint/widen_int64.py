# Mistake: Widens to int64 to make room for the sum, not realising int64 and uint64 have no wider dtype to escape to.
# Wrong on: midpoint(np.array([2**63 - 1], dtype=np.int64), np.array([2**63 - 1], dtype=np.int64)) -> gives array([-1]), correct is array([9223372036854775807])
import numpy as np


def midpoint(a, b):
    total = a.astype(np.int64) + b.astype(np.int64)
    return (total // 2).astype(a.dtype)
