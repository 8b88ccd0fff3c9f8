# Mistake: believes slicing a map of the whole table gives a map of just those rows, with its own offset; the slice keeps the whole-file map (and its offset is still the header's).
# Wrong on: read_rows(<int32 10x4 table, 8-byte header>, np.int32, 4, 2, 5, header=8).offset -> gives 8, correct is 40
import os

import numpy as np


def read_rows(path, dtype, n_cols, start, stop, header=0):
    itemsize = np.dtype(dtype).itemsize
    n_rows = (os.path.getsize(path) - header) // (n_cols * itemsize)
    whole = np.memmap(path, dtype=dtype, mode="r", offset=header, shape=(n_rows, n_cols))
    return whole[start:stop]
