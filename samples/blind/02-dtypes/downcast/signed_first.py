# Mistake: Tries the signed dtype before the unsigned one at each size, so non-negative values that fit int8 get int8 instead of uint8.
# Wrong on: downcast(np.array([0, 100])).dtype -> gives dtype('int8'), correct is dtype('uint8')
import numpy as np


def downcast(x):
    if x.dtype.kind == "f":
        if not (np.all(np.isfinite(x)) and np.all(x == np.round(x))):
            raise ValueError("not all values are whole numbers")
    lo, hi = int(x.min()), int(x.max())
    for name in ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds these values")
