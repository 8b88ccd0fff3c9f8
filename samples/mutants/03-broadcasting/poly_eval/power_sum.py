# Mistake: sums c * x**k term by term: right values, but several arrays of x's size at once.
def poly_eval(coeffs, x):
    return sum(c * x**k for k, c in enumerate(coeffs))
