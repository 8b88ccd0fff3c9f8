# Mistake: I computed the relative error as abs(y - x) / abs(x), not thinking of zeros: 0 / 0 is nan, and nan <= rtol is False.
# Wrong on: cheapest_float(np.array([0.0, 1.0]), 0.0)  -> gives float64, correct is float16
def cheapest_float(x, rtol):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        for name in ("float16", "float32"):
            y = x.astype(name).astype(np.float64)
            if np.all(np.abs(y - x) / np.abs(x) <= rtol):
                return np.dtype(name)
    return np.dtype("float64")
