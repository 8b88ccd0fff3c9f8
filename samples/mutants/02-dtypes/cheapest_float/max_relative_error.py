# Mistake: compares the largest relative error with rtol; a zero gives 0/0 = nan, and an empty array has no maximum.
def cheapest_float(x, rtol):
    x64 = x.astype(np.float64)
    for name in ["float16", "float32"]:
        with np.errstate(all="ignore"):
            y = x64.astype(name).astype(np.float64)
            if np.max(np.abs(y - x64) / np.abs(x64)) <= rtol:
                return np.dtype(name)
    return np.dtype("float64")
