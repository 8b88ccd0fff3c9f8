# Mistake: Horner's scheme, but `result = result * x + c` makes a new array at every step.
def poly_eval(coeffs, x):
    result = np.full_like(x, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        result = result * x + c
    return result
