# Mistake: starts Horner's scheme from zeros with one extra step, taking 0 * x to be 0 always; at x = inf it is nan.
def poly_eval(coeffs, x):
    result = np.zeros_like(x)
    for c in reversed(coeffs):
        result *= x
        result += c
    return result
