# Mistake: sums x and x*x chunk by chunk, but squares in the file's dtype: small integers overflow silently.
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    s1 = s2 = 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start : start + chunk]
        s1 += float(block.sum(dtype=np.float64))
        s2 += float((block * block).sum(dtype=np.float64))
    n = mm.size
    mean = s1 / n
    return mean, s2 / n - mean * mean
