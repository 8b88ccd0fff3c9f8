# Mistake: overwrites a with -a / 2 before a + b is computed, so the sum uses the new a
def fused_inplace(a, b):
    np.divide(a, -2, out=a)
    np.add(a, b, out=b)
    np.multiply(a, b, out=a)
    return a
