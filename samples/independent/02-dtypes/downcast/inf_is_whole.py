# Mistake: I tested "whole number" with x == np.round(x) only; nan fails that but inf equals its rounding, so inf slips through and int(inf) raises OverflowError.
# Wrong on: downcast(np.array([1.0, np.inf]))  -> raises OverflowError, correct is raising ValueError
def downcast(x):
    if x.dtype.kind == "f" and not np.all(x == np.round(x)):
        raise ValueError("not whole numbers")
    lo, hi = int(x.min()), int(x.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError("no integer dtype holds these values")
