# Mistake: believes the order of multiply and divide does not matter, so computes a * (a + b) first and halves afterwards, which overflows to inf where the halved result is finite.
# Wrong on: fused_inplace(np.array([1.5e154]), np.array([0.0])) -> gives [-inf], correct is [-1.1250000000000002e+308]
import numpy as np


def fused_inplace(a, b):
    np.add(a, b, out=b)
    np.multiply(a, b, out=a)
    np.divide(a, -2, out=a)
    return a
