# Mistake: checks the absolute error abs(y - x) <= rtol instead of the relative error.
def cheapest_float(x, rtol):
    x64 = x.astype(np.float64)
    for name in ["float16", "float32"]:
        with np.errstate(over="ignore", invalid="ignore"):
            y = x64.astype(name).astype(np.float64)
            if np.all(np.abs(y - x64) <= rtol):
                return np.dtype(name)
    return np.dtype("float64")
