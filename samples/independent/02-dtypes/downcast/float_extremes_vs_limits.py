# Mistake: I compared x.min() and x.max() with the iinfo limits directly; for a float array the limit is turned into a float, and 2**64 - 1 becomes 2**64.
# Wrong on: downcast(np.array([0.0, 2.0**64]))  -> gives a uint64 array (with a garbage value), correct is raising ValueError
def downcast(x):
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or not np.all(x == np.round(x)):
            raise ValueError("not whole numbers")
    lo, hi = x.min(), x.max()
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds these values")
