# Mistake: I flattened a and b with ravel() so the same three steps work for any shape, thinking ravel always returns a view; for a non-contiguous a the results go into a copy.
# Wrong on: fused_inplace(a, b) with a = np.ones((4, 4))[:, ::2], b = np.ones((4, 2))  -> returns a unchanged (all 1.), correct is a filled with -1.
def fused_inplace(a, b):
    fa, fb = a.ravel(), b.ravel()
    np.add(fa, fb, out=fb)
    np.divide(fa, -2, out=fa)
    np.multiply(fa, fb, out=fa)
    return a
