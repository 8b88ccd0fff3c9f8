# Mistake: maps the rows "r+" and turns the writeable flag off, taking the flag for the map's mode.
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    mm = np.memmap(
        path,
        dtype=dtype,
        mode="r+",
        offset=header + start * row_bytes,
        shape=(stop - start, n_cols),
    )
    mm.setflags(write=False)
    return mm
