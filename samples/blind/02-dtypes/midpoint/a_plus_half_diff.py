# Mistake: Uses the textbook a + (b - a) // 2 trick, which is safe only when b >= a; for unsigned dtypes b - a wraps around when b < a.
# Wrong on: midpoint(np.array([10], dtype=np.uint8), np.array([4], dtype=np.uint8)) -> gives array([135], dtype=uint8), correct is array([7], dtype=uint8)
import numpy as np


def midpoint(a, b):
    return a + (b - a) // 2
