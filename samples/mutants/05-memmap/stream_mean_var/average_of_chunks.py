# Mistake: averages the chunks' means and variances, ignoring chunk sizes and the spread between chunk means.
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    means, variances = [], []
    for start in range(0, mm.size, chunk):
        block = mm[start : start + chunk].astype(np.float64)
        means.append(float(block.mean()))
        variances.append(float(block.var()))
    return float(np.mean(means)), float(np.mean(variances))
