# Mistake: I wrote Horner's step as result = result * x + c, believing it updates the result in place like the in-place operators do.
# Wrong on: poly_eval([1.0, 2.0, 3.0], np.ones(1_000_000))  -> peak about 16 MB (two 8 MB arrays at once), correct stays close to the 8 MB result
def poly_eval(coeffs, x):
    result = np.full_like(x, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        result = result * x + c
    return result
