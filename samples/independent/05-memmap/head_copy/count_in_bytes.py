# Mistake: I thought np.fromfile's count is a number of bytes, so I ask for k * n_cols * itemsize and keep the first k * n_cols items.
# Wrong on: head_copy(p, np.float64, 1000, 100) on an 8 MB float64 file of 1000 columns  -> gives a tracemalloc peak of 7.2 MB (800 rows read, then the copy), correct is about 0.8 MB (100 rows)
def head_copy(path, dtype, n_cols, k):
    itemsize = np.dtype(dtype).itemsize
    raw = np.fromfile(path, dtype=dtype, count=k * n_cols * itemsize)
    return raw[: k * n_cols].reshape(k, n_cols).copy()
