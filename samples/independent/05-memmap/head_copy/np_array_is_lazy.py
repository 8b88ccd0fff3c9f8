# Mistake: I thought np.array(mm) only wraps the map without reading it, so I can convert the whole map and slice the rows from that.
# Wrong on: head_copy(p, np.float64, 1000, 1) on an 8 MB float64 file of 1000 columns  -> gives a tracemalloc peak of 8.0 MB (np.array copies the whole map), correct is about 9 KB
def head_copy(path, dtype, n_cols, k):
    mm = np.memmap(path, dtype=dtype, mode="r")
    table = np.array(mm).reshape(-1, n_cols)
    return table[:k].copy()
