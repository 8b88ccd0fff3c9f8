# Mistake: I multiplied (a + b) by a first and halved afterwards, thinking the order of a multiplication and a division by 2 cannot matter; the full product can overflow where the halved one does not.
# Wrong on: fused_inplace(np.array([1.5e154]), np.array([0.0]))  -> gives [-inf], correct is [-1.1250000000000002e+308] (finite)
def fused_inplace(a, b):
    np.add(a, b, out=b)
    np.multiply(a, b, out=a)
    np.divide(a, -2, out=a)
    return a
