# Mistake: passes np.fromfile a count in bytes (k rows of n_cols items of itemsize bytes), so it reads itemsize times too much, then copies.
def head_copy(path, dtype, n_cols, k):
    nbytes = k * n_cols * np.dtype(dtype).itemsize
    items = np.fromfile(path, dtype=dtype, count=nbytes)
    return items[: k * n_cols].reshape(k, n_cols).copy()
