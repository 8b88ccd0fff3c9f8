# Mistake: I thought int64 is the largest integer dtype, so my list of candidates stops there and never tries uint64.
# Wrong on: downcast(np.array([0, 2**63], dtype=np.uint64))  -> raises ValueError, correct is a uint64 array [0, 9223372036854775808]
def downcast(x):
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or not np.all(x == np.round(x)):
            raise ValueError("not whole numbers")
    lo, hi = int(x.min()), int(x.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds these values")
