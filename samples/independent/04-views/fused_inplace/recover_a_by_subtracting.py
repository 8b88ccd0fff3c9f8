# Mistake: I stored a + b in a first and got the old a back as (a + b) - b, thinking floating-point addition can be undone exactly by a subtraction.
# Wrong on: fused_inplace(np.array([1.0]), np.array([1e16]))  -> gives [-0.], correct is [-5e15]
def fused_inplace(a, b):
    np.add(a, b, out=a)          # a now holds a + b
    np.subtract(a, b, out=b)     # b gets the old a back
    np.divide(b, -2, out=b)
    np.multiply(a, b, out=a)
    return a
