# Mistake: Checks the round trip with np.allclose(y, x, rtol=rtol), whose default atol=1e-8 lets tiny values that float16 flushes to zero pass.
# Wrong on: cheapest_float(np.array([1e-9]), 0.0) -> gives dtype('float16'), correct is dtype('float64')
import numpy as np


def cheapest_float(x, rtol):
    x64 = x.astype(np.float64)
    for name in ["float16", "float32"]:
        with np.errstate(over="ignore", invalid="ignore"):
            y = x64.astype(name).astype(np.float64)
            if np.allclose(y, x64, rtol=rtol):
                return np.dtype(name)
    return np.dtype("float64")
