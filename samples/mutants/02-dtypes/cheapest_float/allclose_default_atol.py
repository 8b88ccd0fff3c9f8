# Mistake: np.allclose adds a default absolute tolerance of 1e-8, so tiny values pass anyway.
def cheapest_float(x, rtol):
    for name in ["float16", "float32"]:
        with np.errstate(over="ignore", invalid="ignore"):
            if np.allclose(x.astype(name), x, rtol=rtol):
                return np.dtype(name)
    return np.dtype("float64")
