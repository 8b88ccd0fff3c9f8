# Mistake: I thought only the smallest and largest values can fail (range is the risk), so I round-tripped x.min() and x.max() and not every element.
# Wrong on: cheapest_float(np.array([1.0, 1.1, 2.0]), 1e-6)  -> gives float16, correct is float32
def cheapest_float(x, rtol):
    ends = np.array([x.min(), x.max()], dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        for name in ("float16", "float32"):
            y = ends.astype(name).astype(np.float64)
            if np.all(np.abs(y - ends) <= rtol * np.abs(ends)):
                return np.dtype(name)
    return np.dtype("float64")
