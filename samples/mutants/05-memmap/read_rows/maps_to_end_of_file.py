# Mistake: starts the map at the right offset but maps the rest of the file, then slices the rows.
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    mm = np.memmap(path, dtype=dtype, mode="r", offset=header + start * row_bytes)
    return mm.reshape(-1, n_cols)[: stop - start]
