# Mistake: Places each field at a multiple of its alignment, but believes an aligned record is always padded to a multiple of 8 bytes (a machine word).
# Wrong on: record_size([("a", "u1"), ("b", "u1")]) -> gives (2, 8), correct is (2, 2)
import numpy as np


def record_size(fields):
    packed = 0
    offset = 0
    for _, fmt in fields:
        dt = np.dtype(fmt)
        packed += dt.itemsize
        offset = -(-offset // dt.alignment) * dt.alignment + dt.itemsize
    return packed, -(-offset // 8) * 8
