# Mistake: gives the row offset in items instead of bytes (forgets the item size).
def read_rows(path, dtype, n_cols, start, stop, header=0):
    return np.memmap(
        path, dtype=dtype, mode="r", offset=header + start * n_cols, shape=(stop - start, n_cols)
    )
