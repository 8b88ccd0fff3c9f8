# Mistake: handles the empty case with np.empty((0, n_cols)), believing the dtype does not matter when there are no rows, so it returns float64.
# Wrong on: head_copy(<empty file>, np.int16, 3, 0).dtype -> gives float64, correct is int16
import os

import numpy as np


def head_copy(path, dtype, n_cols, k):
    if k == 0 or os.path.getsize(path) == 0:
        return np.empty((0, n_cols))
    mm = np.memmap(path, dtype=dtype, mode="r")
    head = np.array(mm[: k * n_cols].reshape(k, n_cols))
    del mm
    return head
