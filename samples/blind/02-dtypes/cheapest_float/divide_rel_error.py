# Mistake: Computes the relative error as |y - x| / |x| and compares it with rtol, so a zero gives nan and never passes, even though zero is exact in every dtype.
# Wrong on: cheapest_float(np.array([0.0, 1.0]), 0.0) -> gives dtype('float64'), correct is dtype('float16')
import numpy as np


def cheapest_float(x, rtol):
    x64 = x.astype(np.float64)
    for name in ["float16", "float32"]:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            y = x64.astype(name).astype(np.float64)
            rel = np.abs(y - x64) / np.abs(x64)
        if np.all(rel <= rtol):
            return np.dtype(name)
    return np.dtype("float64")
