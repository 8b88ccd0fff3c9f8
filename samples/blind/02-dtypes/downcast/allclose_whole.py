# Mistake: Tests "is a whole number" with np.allclose against the rounded values, so a value like 1000000.5 passes the default relative tolerance.
# Wrong on: downcast(np.array([1000000.5])) -> gives array([1000000], dtype=uint32), correct is ValueError raised
import numpy as np


def downcast(x):
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or not np.allclose(x, np.round(x)):
            raise ValueError("not all values are whole numbers")
    lo, hi = int(x.min()), int(x.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds these values")
