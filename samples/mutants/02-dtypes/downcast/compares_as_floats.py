# Mistake: compares the extremes with the limits in the input's dtype, where a float 2**64 equals uint64's maximum after rounding.
def downcast(x):
    if x.dtype.kind == "f" and not np.all(np.isfinite(x) & (x == np.round(x))):
        raise ValueError("some values are not whole numbers")
    lo, hi = x.min(), x.max()
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds every value")
