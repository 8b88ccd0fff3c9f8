# Mistake: I converted a float array to int64 first so the rest is an integer problem, not knowing that the cast of a too-large float gives garbage instead of an error.
# Wrong on: downcast(np.array([1e25]))  -> gives int64 [-9223372036854775808], correct is raising ValueError
def downcast(x):
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or not np.all(x == np.round(x)):
            raise ValueError("not whole numbers")
        x = x.astype(np.int64)
    lo, hi = int(x.min()), int(x.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds these values")
