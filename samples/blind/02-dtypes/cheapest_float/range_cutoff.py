# Mistake: Treats float16's maximum 65504 as a hard cut-off (any |value| above it is rejected) instead of letting the round trip decide.
# Wrong on: cheapest_float(np.array([65510.0]), 1e-3) -> gives dtype('float32'), correct is dtype('float16')
import numpy as np


def cheapest_float(x, rtol):
    x64 = x.astype(np.float64)
    biggest = np.abs(x64).max() if x64.size else 0.0
    for name in ["float16", "float32"]:
        if biggest > np.finfo(name).max:
            continue
        with np.errstate(over="ignore", invalid="ignore"):
            y = x64.astype(name).astype(np.float64)
        if np.all(np.abs(y - x64) <= rtol * np.abs(x64)):
            return np.dtype(name)
    return np.dtype("float64")
