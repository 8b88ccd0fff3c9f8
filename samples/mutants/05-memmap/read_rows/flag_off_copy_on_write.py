# Mistake: a copy-on-write map with its writeable flag off, believed to be as read-only as mode "r".
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    mm = np.memmap(
        path, dtype=dtype, mode="c", offset=header + start * row_bytes, shape=(stop - start, n_cols)
    )
    mm.flags.writeable = False
    return mm
