# Mistake: Halves each value as a float and floors, trusting float64 to be exact, which it is not for 64-bit integers beyond 2**53.
# Wrong on: midpoint(np.array([2**62 + 1], dtype=np.int64), np.array([2**62 + 1], dtype=np.int64)) -> gives array([4611686018427387904]), correct is array([4611686018427387905])
import numpy as np


def midpoint(a, b):
    return np.floor(a / 2 + b / 2).astype(a.dtype)
