# Mistake: calls .mean() and .var() on the whole map; .var() builds a temporary as big as the file.
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    return float(mm.mean(dtype=np.float64)), float(mm.var(dtype=np.float64))
