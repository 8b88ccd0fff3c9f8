# Mistake: Thinks align=True only pads the end of the record to a multiple of the largest alignment, not the gap before each field.
# Wrong on: record_size([("a", "u1"), ("b", "i4"), ("c", "u1")]) -> gives (6, 8), correct is (6, 12)
import numpy as np


def record_size(fields):
    packed = sum(np.dtype(fmt).itemsize for _, fmt in fields)
    biggest = max((np.dtype(fmt).alignment for _, fmt in fields), default=1)
    return packed, -(-packed // biggest) * biggest
