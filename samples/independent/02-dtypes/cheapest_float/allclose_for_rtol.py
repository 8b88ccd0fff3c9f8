# Mistake: I used np.allclose(y, x, rtol=rtol) for the relative test, not knowing it also adds a default absolute tolerance of 1e-8.
# Wrong on: cheapest_float(np.array([1e-10]), 1e-3)  -> gives float16, correct is float32
def cheapest_float(x, rtol):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        for name in ("float16", "float32"):
            y = x.astype(name).astype(np.float64)
            if np.allclose(y, x, rtol=rtol):
                return np.dtype(name)
    return np.dtype("float64")
