# Mistake: reads coeffs from the highest power down (np.polyval's order), not from coeffs[0].
def poly_eval(coeffs, x):
    result = np.full_like(x, coeffs[0])
    for c in coeffs[1:]:
        result *= x
        result += c
    return result
