# Mistake: Allocates the result with np.full(x.shape, ...), believing it matches x, but np.full defaults to float64 so a float32 or float16 x gets the wrong dtype.
# Wrong on: poly_eval([1.0, 2.0], np.ones(2, dtype=np.float32)).dtype -> gives dtype('float64'), correct is dtype('float32')
import numpy as np


def poly_eval(coeffs, x):
    result = np.full(x.shape, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        result *= x
        result += c
    return result
