# Mistake: computes the offset of row start but forgets the header in front of the table.
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    return np.memmap(
        path, dtype=dtype, mode="r", offset=start * row_bytes, shape=(stop - start, n_cols)
    )
