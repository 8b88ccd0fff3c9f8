# Mistake: Believes all strings, "U" as well as "S", are byte-aligned and so can go last, but a "U" string needs 4-byte alignment and opens a gap after 1-byte fields.
# Wrong on: np.dtype(packed_order([("a", "u1"), ("b", "U1"), ("c", "u1")]), align=True).itemsize -> gives 12, correct is 8
import numpy as np


def packed_order(fields):
    def key(pair):
        dt = np.dtype(pair[1])
        return 1 if dt.kind in "SU" else dt.alignment

    return sorted(fields, key=key, reverse=True)
