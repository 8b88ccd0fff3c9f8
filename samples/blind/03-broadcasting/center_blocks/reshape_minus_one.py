# Mistake: Lets reshape infer the number of blocks with -1, not realising -1 is ambiguous (and raises) when another axis has length 0.
# Wrong on: center_blocks(np.zeros((0, 4)), 2, 1) -> gives ValueError raised, correct is array([], shape=(0, 4), dtype=float64)
import numpy as np


def center_blocks(x, block, axis):
    axis = axis % x.ndim
    grouped = x.reshape(x.shape[:axis] + (-1, block) + x.shape[axis + 1 :])
    centred = grouped - grouped.mean(axis=axis + 1, keepdims=True)
    return centred.reshape(x.shape)
