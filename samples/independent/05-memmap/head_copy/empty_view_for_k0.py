# Mistake: I thought an empty slice holds no data, so for k = 0 returning the empty view of the map is harmless.
# Wrong on: head_copy(p, np.int32, 4, 0)  -> gives an array with owndata False whose .base keeps the file mapped (is_mapped(p) is True), correct is an empty (0, 4) int32 array that owns its data with no map left open
def head_copy(path, dtype, n_cols, k):
    mm = np.memmap(path, dtype=dtype, mode="r")
    if k == 0:
        return mm[:0].reshape(0, n_cols)
    return np.array(mm[: k * n_cols].reshape(k, n_cols))
