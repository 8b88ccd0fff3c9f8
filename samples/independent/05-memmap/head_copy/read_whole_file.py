# Mistake: I thought reading the file with np.fromfile and then slicing the first rows is as cheap as a map, since I only keep k rows.
# Wrong on: head_copy(p, np.float64, 1000, 1) on an 8 MB float64 file of 1000 columns  -> gives a tracemalloc peak of 8.0 MB (the whole file read), correct is about 9 KB (one row)
def head_copy(path, dtype, n_cols, k):
    table = np.fromfile(path, dtype=dtype).reshape(-1, n_cols)
    return table[:k].copy()
