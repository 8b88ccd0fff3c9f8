# Mistake: I kept the running power in p = x and updated it with p *= x, thinking p = x gives me my own copy (it is the same array), so x is overwritten and the powers go wrong.
# Wrong on: poly_eval([0.0, 0.0, 0.0, 1.0], np.array([2.0]))  -> gives [16.] and leaves x == [256.], correct is [8.] with x unchanged
def poly_eval(coeffs, x):
    result = np.full_like(x, coeffs[0])
    power = x
    for c in coeffs[1:]:
        result += c * power
        power *= x
    return result
