# Mistake: I measured the relative error of the array as a whole (largest error over largest value), not element by element, so small elements can lose all their digits.
# Wrong on: cheapest_float(np.array([1000.0, 1e-3]), 1e-6)  -> gives float16, correct is float32
def cheapest_float(x, rtol):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        for name in ("float16", "float32"):
            y = x.astype(name).astype(np.float64)
            if np.max(np.abs(y - x)) <= rtol * np.max(np.abs(x)):
                return np.dtype(name)
    return np.dtype("float64")
