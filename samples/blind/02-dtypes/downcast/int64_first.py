# Mistake: Converts everything to int64 first to "get integers", so uint64 values above 2**63 wrap to negatives before the range check.
# Wrong on: downcast(np.array([2**64 - 1], dtype=np.uint64)) -> gives array([-1], dtype=int8), correct is array([18446744073709551615], dtype=uint64)
import numpy as np


def downcast(x):
    if x.dtype.kind == "f":
        if not (np.all(np.isfinite(x)) and np.all(x == np.round(x))):
            raise ValueError("not all values are whole numbers")
        if x.min() < -(2**63) or x.max() >= 2**64:
            raise ValueError("out of range of every integer dtype")
    as_int = x.astype(np.int64)
    lo, hi = int(as_int.min()), int(as_int.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return as_int.astype(name)
    raise ValueError("no integer dtype holds these values")
