# Mistake: copies the whole map into an array first: right numbers, but as much memory as the file.
def stream_mean_var(path, dtype, chunk):
    data = np.array(np.memmap(path, dtype=dtype, mode="r"), dtype=np.float64)
    return float(data.mean()), float(data.var())
