# Mistake: I took the float16 range to be finfo's normal range, rejecting anything above 65504 or below the smallest normal 6.1e-5, although values there can still round within rtol.
# Wrong on: cheapest_float(np.array([1e-5]), 0.1)  -> gives float32, correct is float16
def cheapest_float(x, rtol):
    x = np.asarray(x, dtype=np.float64)
    ax = np.abs(x[x != 0])
    with np.errstate(over="ignore", invalid="ignore"):
        for name in ("float16", "float32"):
            info = np.finfo(name)
            if ax.size and (ax.max() > info.max or ax.min() < info.tiny):
                continue
            y = x.astype(name).astype(np.float64)
            if np.all(np.abs(y - x) <= rtol * np.abs(x)):
                return np.dtype(name)
    return np.dtype("float64")
