# Mistake: rules a dtype out as soon as a value lies beyond its np.finfo range (above max,
# or below the smallest normal number), although such values may round within rtol.
def cheapest_float(x, rtol):
    x64 = x.astype(np.float64)
    mags = np.abs(x64[x64 != 0])
    for name in ["float16", "float32"]:
        info = np.finfo(name)
        if mags.size and (mags.max() > info.max or mags.min() < info.smallest_normal):
            continue
        y = x64.astype(name).astype(np.float64)
        if np.all(np.abs(y - x64) <= rtol * np.abs(x64)):
            return np.dtype(name)
    return np.dtype("float64")
