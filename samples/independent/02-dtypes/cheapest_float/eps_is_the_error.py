# Mistake: I thought a cast always costs a relative error of finfo(dtype).eps, so a dtype is good enough when rtol >= eps and the values are in range (and exact only for rtol == 0).
# Wrong on: cheapest_float(np.array([0.1]), 5e-4)  -> gives float32, correct is float16
def cheapest_float(x, rtol):
    x = np.asarray(x, dtype=np.float64)
    big = np.abs(x).max() if x.size else 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        for name in ("float16", "float32"):
            info = np.finfo(name)
            if big > info.max:
                continue
            if rtol == 0:
                if np.all(x.astype(name).astype(np.float64) == x):
                    return np.dtype(name)
            elif rtol >= info.eps:
                return np.dtype(name)
    return np.dtype("float64")
