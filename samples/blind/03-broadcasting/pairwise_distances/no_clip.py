# Mistake: Trusts the expansion |a|^2 + |b|^2 - 2 a.b to be non-negative, so a rounding error slightly below zero becomes NaN under the square root.
# Wrong on: pairwise_distances(np.array([[8.1, 9.1], [6.1, 7.3]]), np.array([[8.1, 9.1], [6.1, 7.3]]))[0, 0] -> gives nan, correct is 0.0
import numpy as np


def pairwise_distances(a, b):
    centre = (a.sum(axis=0) + b.sum(axis=0)) / (len(a) + len(b))
    a = a - centre
    b = b - centre
    sq = a @ b.T
    sq *= -2.0
    sq += np.einsum("ij,ij->i", a, a)[:, np.newaxis]
    sq += np.einsum("ij,ij->i", b, b)
    return np.sqrt(sq)
