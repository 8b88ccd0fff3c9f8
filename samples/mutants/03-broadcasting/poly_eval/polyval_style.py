# Mistake: builds the starting array as x * 0 + the last coefficient (np.polynomial's trick), which is nan wherever x is inf.
def poly_eval(coeffs, x):
    result = x * 0.0
    result += coeffs[-1]
    for c in reversed(coeffs[:-1]):
        result *= x
        result += c
    return result
