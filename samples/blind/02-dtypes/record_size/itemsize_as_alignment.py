# Mistake: Believes a field's alignment is its item size (1 for strings), so complex numbers and sub-arrays get far too large an alignment.
# Wrong on: record_size([("z", "c16"), ("a", "u1")]) -> gives (17, 32), correct is (17, 24)
import numpy as np


def record_size(fields):
    packed = 0
    offset = 0
    biggest = 1
    for _, fmt in fields:
        dt = np.dtype(fmt)
        align = 1 if dt.kind in "SU" else dt.itemsize
        packed += dt.itemsize
        offset = -(-offset // align) * align + dt.itemsize
        biggest = max(biggest, align)
    return packed, -(-offset // biggest) * biggest
