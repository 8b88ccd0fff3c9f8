# Mistake: I halved in place with //=, having learnt that in-place division must keep the array's dtype, not realising // rounds down even on floats.
# Wrong on: fused_inplace(np.array([1.0]), np.array([0.0]))  -> gives [-1.], correct is [-0.5]
def fused_inplace(a, b):
    np.add(a, b, out=b)
    a //= -2
    a *= b
    return a
