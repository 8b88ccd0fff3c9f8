# Mistake: Sorts by item size, largest first (strings counted as 1 since they are bytes), believing a field's size is what it must be aligned to; sub-arrays then go first and leave gaps.
# Wrong on: np.dtype(packed_order([("a", "u1"), ("b", "i2"), ("c", "(3,)u1")]), align=True).itemsize -> gives 8, correct is 6
import numpy as np


def packed_order(fields):
    def key(pair):
        dt = np.dtype(pair[1])
        return 1 if dt.kind in "SU" else dt.itemsize

    return sorted(fields, key=key, reverse=True)
