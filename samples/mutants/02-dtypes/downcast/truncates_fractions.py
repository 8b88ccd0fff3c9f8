# Mistake: never checks for whole numbers: 2.5 is silently truncated to 2.
def downcast(x):
    lo, hi = int(x.min()), int(x.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError(f"no integer dtype holds both {lo} and {hi}")
