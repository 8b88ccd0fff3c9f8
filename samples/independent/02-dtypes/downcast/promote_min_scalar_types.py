# Mistake: I took np.min_scalar_type of the smallest and of the largest value and combined them with np.result_type, not knowing that int + uint64 promotes to float64.
# Wrong on: downcast(np.array([-1.0, 1e19]))  -> gives a float64 array, correct is raising ValueError
def downcast(x):
    if x.dtype.kind == "f":
        if not np.all(np.isfinite(x)) or not np.all(x == np.round(x)):
            raise ValueError("not whole numbers")
    lo, hi = int(x.min()), int(x.max())
    target = np.result_type(np.min_scalar_type(lo), np.min_scalar_type(hi))
    return x.astype(target)
