# Mistake: overwrites a with a + b, then recovers the old a as (a + b) - b, as if a float sum could be undone exactly; a tiny a next to a large b is lost.
def fused_inplace(a, b):
    a += b
    np.subtract(a, b, out=b)
    b /= -2
    a *= b
    return a
