# Mistake: I thought floats must never be compared exactly, so I tested "whole number" with np.isclose(x, np.round(x)).
# Wrong on: downcast(np.array([2.000001]))  -> gives uint8 [2], correct is raising ValueError
def downcast(x):
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or not np.all(np.isclose(x, np.round(x))):
            raise ValueError("not whole numbers")
        x = np.round(x)
    lo, hi = int(x.min()), int(x.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds these values")
