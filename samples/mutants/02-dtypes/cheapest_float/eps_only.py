# Mistake: compares rtol with each dtype's eps and ignores range and exact values.
def cheapest_float(x, rtol):
    for name in ["float16", "float32"]:
        if np.finfo(name).eps / 2 <= rtol:
            return np.dtype(name)
    return np.dtype("float64")
