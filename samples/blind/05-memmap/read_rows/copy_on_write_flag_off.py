# Mistake: believes a copy-on-write ("c") map is the safe read-only mode because it never touches the file, and switches its flag off; but it is not mode "r" and the flag can be switched back on.
# Wrong on: read_rows(<int32 10x4 table, 8-byte header>, np.int32, 4, 2, 5, header=8).mode -> gives 'c', correct is 'r' (and flags.writeable = True must raise)
import numpy as np


def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    m = np.memmap(path, dtype=dtype, mode="c", offset=header + start * row_bytes,
                  shape=(stop - start, n_cols))
    m.flags.writeable = False
    return m
