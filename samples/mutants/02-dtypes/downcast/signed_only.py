# Mistake: only tries signed dtypes, so [0, 200] becomes int16 instead of uint8.
def downcast(x):
    if x.dtype.kind == "f" and not np.all(np.isfinite(x) & (x == np.round(x))):
        raise ValueError("some values are not whole numbers")
    lo, hi = int(x.min()), int(x.max())
    for name in ["int8", "int16", "int32", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError(f"no integer dtype holds both {lo} and {hi}")
