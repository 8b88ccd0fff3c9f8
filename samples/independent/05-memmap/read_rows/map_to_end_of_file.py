# Mistake: I thought the offset alone decides what is mapped, so I map from the first row to the end of the file and keep the rows I want with a slice.
# Wrong on: read_rows(p, np.float64, 1000, 0, 1) on a 1000x1000 float64 file  -> gives a map of the whole 8,000,000-byte file (len(got._mmap)), correct is a map of only the 8,000 bytes of row 0
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    mm = np.memmap(path, dtype=dtype, mode="r", offset=header + start * row_bytes)
    return mm.reshape(-1, n_cols)[: stop - start]
