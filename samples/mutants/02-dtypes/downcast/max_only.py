# Mistake: asks np.min_scalar_type about the largest value only, so negatives wrap around.
def downcast(x):
    if x.dtype.kind == "f" and not np.all(np.isfinite(x) & (x == np.round(x))):
        raise ValueError("some values are not whole numbers")
    dtype = np.min_scalar_type(int(x.max()))
    if dtype.kind not in "iu":
        raise ValueError("no integer dtype is large enough")
    return x.astype(dtype)
