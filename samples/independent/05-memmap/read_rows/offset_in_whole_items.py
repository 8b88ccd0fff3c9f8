# Mistake: I thought an offset has to land on whole items, so I count the header in items (header // itemsize) and convert back to bytes.
# Wrong on: read_rows(p, np.int32, 4, 0, 1, header=6) with a 6-byte header  -> gives [[18504, 65536, 131072, 196608]] (read from byte 4, mixing header and data), correct is [[0, 1, 2, 3]] from byte 6
def read_rows(path, dtype, n_cols, start, stop, header=0):
    itemsize = np.dtype(dtype).itemsize
    first_item = header // itemsize + start * n_cols
    return np.memmap(path, dtype=dtype, mode="r", offset=first_item * itemsize,
                     shape=(stop - start, n_cols))
