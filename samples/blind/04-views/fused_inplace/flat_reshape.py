# Mistake: believes reshape(-1) always gives a flat view, so works on flattened a and b with out=; for a non-contiguous (e.g. transposed) a the reshape is a copy and a itself never changes.
# Wrong on: a = np.array([[2.0, 4.0], [-6.0, 1.0]]).T; fused_inplace(a, np.ones((2, 2))); a -> gives [[2, -6], [4, 1]] (unchanged), correct is [[-3, -15], [-10, -1]]
import numpy as np


def fused_inplace(a, b):
    fa = a.reshape(-1)
    fb = b.reshape(-1)
    np.add(fa, fb, out=fb)
    np.divide(fa, -2, out=fa)
    np.multiply(fa, fb, out=fa)
    return a
