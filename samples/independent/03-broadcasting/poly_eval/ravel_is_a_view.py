# Mistake: I flattened x with ravel() so that I can work on one flat buffer, thinking ravel is always a view; for a transposed or stepped x it makes a full copy.
# Wrong on: poly_eval([1.0, 2.0], np.ones((1000, 1000)).T)  -> peak about 16 MB (a copy of x plus the result), correct stays close to the 8 MB result
def poly_eval(coeffs, x):
    flat_x = x.ravel()
    result = np.full(flat_x.shape, coeffs[-1], dtype=x.dtype)
    for c in reversed(coeffs[:-1]):
        result *= flat_x
        result += c
    return result.reshape(x.shape)
