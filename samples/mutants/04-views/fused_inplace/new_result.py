# Mistake: computes into a new array and returns it; a is left unchanged
def fused_inplace(a, b):
    result = np.add(a, b)
    np.multiply(result, -a / 2, out=result)
    return result
