# Mistake: Casts the result back to x.dtype, believing "a new array like x" must keep x's dtype, so integer input loses the fractional parts.
# Wrong on: center_blocks(np.array([1, 2]), 2, 0) -> gives array([0, 0]), correct is array([-0.5,  0.5])
import numpy as np


def center_blocks(x, block, axis):
    axis = axis % x.ndim
    n = x.shape[axis]
    grouped = x.reshape(x.shape[:axis] + (n // block, block) + x.shape[axis + 1 :])
    centred = grouped - grouped.mean(axis=axis + 1, keepdims=True)
    return centred.reshape(x.shape).astype(x.dtype)
