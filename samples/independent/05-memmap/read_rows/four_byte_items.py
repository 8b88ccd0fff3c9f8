# Mistake: I assumed every number in a binary file takes 4 bytes, so a row is n_cols * 4 bytes whatever the dtype.
# Wrong on: read_rows(p, np.float64, 3, 1, 2) on a float64 table arange(12).reshape(4, 3)  -> gives [[5.3e-315, 5.3e-315, 5.3e-315]] (bytes read from offset 12), correct is [[3., 4., 5.]] from offset 24
def read_rows(path, dtype, n_cols, start, stop, header=0):
    offset = header + start * n_cols * 4
    return np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=(stop - start, n_cols))
