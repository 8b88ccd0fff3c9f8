# Mistake: maps the whole table and slices it: right values, but the map still covers the whole file.
def read_rows(path, dtype, n_cols, start, stop, header=0):
    whole = np.memmap(path, dtype=dtype, mode="r", offset=header)
    return whole.reshape(-1, n_cols)[start:stop]
