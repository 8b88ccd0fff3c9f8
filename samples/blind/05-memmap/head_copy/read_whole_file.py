# Mistake: believes np.fromfile is the simple way to get an owned copy without a map, and reads the whole file although only k rows are needed.
# Wrong on: head_copy(<8 MiB float32 table, 4 columns>, np.float32, 4, 2) -> tracemalloc peak of about 8 MiB, correct is a few bytes beyond the 32-byte result
import numpy as np


def head_copy(path, dtype, n_cols, k):
    table = np.fromfile(path, dtype=dtype).reshape(-1, n_cols)
    return table[:k].copy()
