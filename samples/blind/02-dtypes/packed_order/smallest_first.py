# Mistake: Puts the smallest fields first so that "the little ones pack together", sorting by item size ascending, which leaves a gap before a big aligned field.
# Wrong on: np.dtype(packed_order([("name", "S10"), ("x", "f8"), ("n", "i4")]), align=True).itemsize -> gives 32, correct is 24
import numpy as np


def packed_order(fields):
    return sorted(fields, key=lambda pair: np.dtype(pair[1]).itemsize)
