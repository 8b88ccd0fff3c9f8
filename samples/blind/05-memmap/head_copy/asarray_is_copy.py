# Mistake: believes np.asarray of a memmap slice turns it into an ordinary array with its own data, but it is a view that keeps the map open.
# Wrong on: head_copy(<float32 10x3 table>, np.float32, 3, 2).flags.owndata -> gives False (file still mapped), correct is True
import numpy as np


def head_copy(path, dtype, n_cols, k):
    if k == 0:
        return np.empty((0, n_cols), dtype=dtype)
    mm = np.memmap(path, dtype=dtype, mode="r", shape=(k * n_cols,))
    return np.asarray(mm).reshape(k, n_cols)
