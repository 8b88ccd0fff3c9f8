# Mistake: I allocated the result with np.full(x.shape, coeffs[-1]), thinking the coefficients being Python floats makes float64 the right dtype.
# Wrong on: poly_eval([1.0, 2.0], np.array([1.0, 2.0], dtype=np.float32))  -> gives float64 [3., 5.], correct is float32 [3., 5.] (x's dtype)
def poly_eval(coeffs, x):
    result = np.full(x.shape, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        result *= x
        result += c
    return result
