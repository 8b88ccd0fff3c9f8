# Mistake: believes an "r+" map with its writeable flag switched off is read-only, but anyone can switch the flag back on and write into the file.
# Wrong on: read_rows(<int32 10x4 table, 8-byte header>, np.int32, 4, 2, 5, header=8).mode -> gives 'r+', correct is 'r' (and flags.writeable = True must raise)
import numpy as np


def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    m = np.memmap(path, dtype=dtype, mode="r+", offset=header + start * row_bytes,
                  shape=(stop - start, n_cols))
    m.flags.writeable = False
    return m
