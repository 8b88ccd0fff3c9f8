# Mistake: Sums c * x**k with a running power updated in place, believing in-place updates keep it at one array, but the power, the product c * power and the result are all alive.
# Wrong on: peak_memory(poly_eval, [1.0, 2.0, 3.0], np.ones(100_000))[1] <= 1.2 * 800_000 + 64_000 -> gives False, correct is True
import numpy as np


def poly_eval(coeffs, x):
    result = np.full_like(x, coeffs[0])
    power = np.ones_like(x)
    for c in coeffs[1:]:
        power *= x
        result += c * power
    return result
