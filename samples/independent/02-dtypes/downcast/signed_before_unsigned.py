# Mistake: I tried the signed dtype first at each size, thinking signed is the normal choice and unsigned only a fallback.
# Wrong on: downcast(np.array([0, 100]))  -> gives int8, correct is uint8
def downcast(x):
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or not np.all(x == np.round(x)):
            raise ValueError("not whole numbers")
    lo, hi = int(x.min()), int(x.max())
    for name in ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds these values")
