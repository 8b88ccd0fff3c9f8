# Mistake: returns a copy-on-write map of the first rows: writes to it stay private, but it is still a map of the file, not an array of its own.
def head_copy(path, dtype, n_cols, k):
    return np.memmap(path, dtype=dtype, mode="c", shape=(k, n_cols))
