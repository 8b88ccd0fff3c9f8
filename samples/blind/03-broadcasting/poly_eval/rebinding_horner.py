# Mistake: Writes Horner's scheme as result = result * x + c, believing rebinding the name reuses the array, while each step allocates a new one next to the old.
# Wrong on: peak_memory(poly_eval, [1.0, 2.0, 3.0], np.ones(100_000))[1] <= 1.2 * 800_000 + 64_000 -> gives False, correct is True
import numpy as np


def poly_eval(coeffs, x):
    result = np.full_like(x, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        result = result * x + c
    return result
