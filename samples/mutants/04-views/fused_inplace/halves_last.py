# Mistake: multiplies a by a + b before halving, taking the order of * and / 2 to be free; the full product overflows where the result does not.
def fused_inplace(a, b):
    np.add(a, b, out=b)
    np.multiply(a, b, out=a)
    np.divide(a, -2, out=a)
    return a
