# Mistake: I started Horner from zeros, thinking 0 * x is always 0 so the extra first step is harmless, but 0 * inf is NaN.
# Wrong on: poly_eval([1.0, 2.0], np.array([np.inf]))  -> gives [nan], correct is [inf]
def poly_eval(coeffs, x):
    result = np.zeros_like(x)
    for c in reversed(coeffs):
        result *= x
        result += c
    return result
