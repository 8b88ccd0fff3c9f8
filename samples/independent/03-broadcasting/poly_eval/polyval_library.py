# Mistake: I used np.polyval on the reversed coefficients, trusting the library call to keep x's dtype and to work in place.
# Wrong on: poly_eval([1.0, 2.0], np.array([1.0, 2.0], dtype=np.float32))  -> gives float64 [3., 5.], correct is float32 [3., 5.]; its peak is also about two results (it does y = y * x + c)
def poly_eval(coeffs, x):
    return np.polyval(coeffs[::-1], x)
