# Mistake: Computes each block's mean as sum / block, not realising sum accumulates in x's own dtype, so a float16 block near 60000 overflows to inf.
# Wrong on: center_blocks(np.array([60000.0, 60000.0], dtype=np.float16), 2, 0) -> gives array([-inf, -inf], dtype=float16), correct is array([0., 0.], dtype=float16)
import numpy as np


def center_blocks(x, block, axis):
    axis = axis % x.ndim
    n = x.shape[axis]
    grouped = x.reshape(x.shape[:axis] + (n // block, block) + x.shape[axis + 1 :])
    means = grouped.sum(axis=axis + 1, keepdims=True) / block
    return (grouped - means).reshape(x.shape)
