# Mistake: tests "whole number" with a tolerance (np.allclose to the rounded values), so
# 1000000.5 or 2.000001 pass as whole numbers and are rounded silently.
def downcast(x):
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or not np.allclose(x, np.rint(x)):
            raise ValueError("some values are not whole numbers")
        x = np.rint(x)
    lo, hi = int(x.min()), int(x.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError(f"no integer dtype holds both {lo} and {hi}")
