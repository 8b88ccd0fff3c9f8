# Mistake: uses the default mode "r+", so the block can be written (and the file changed) through it.
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    offset = header + start * row_bytes
    return np.memmap(path, dtype=dtype, offset=offset, shape=(stop - start, n_cols))
