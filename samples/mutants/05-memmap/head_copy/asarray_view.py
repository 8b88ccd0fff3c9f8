# Mistake: np.asarray only changes the type: the result is still a view of the map, which stays open.
def head_copy(path, dtype, n_cols, k):
    mm = np.memmap(path, dtype=dtype, mode="r")
    return np.asarray(mm[: k * n_cols].reshape(k, n_cols))
