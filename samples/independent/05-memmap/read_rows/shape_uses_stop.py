# Mistake: I treated the shape like the slice's stop, mapping `stop` rows from row `start` and then cutting it to stop - start rows.
# Wrong on: read_rows(p, np.int32, 4, 5, 10) on a 10x4 int32 table  -> gives ValueError (mmap length is greater than file size), correct is rows 5:10 of the table
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    mm = np.memmap(path, dtype=dtype, mode="r", offset=header + start * row_bytes,
                   shape=(stop, n_cols))
    return mm[: stop - start]
