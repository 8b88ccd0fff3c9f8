# Mistake: I thought that for k = 0 there is nothing to read, so any empty array of the right shape will do.
# Wrong on: head_copy(p, np.int32, 4, 0)  -> gives an empty (0, 4) array of dtype float64, correct is dtype int32
def head_copy(path, dtype, n_cols, k):
    if k == 0:
        return np.empty((0, n_cols))
    mm = np.memmap(path, dtype=dtype, mode="r", shape=(k, n_cols))
    return np.array(mm)
