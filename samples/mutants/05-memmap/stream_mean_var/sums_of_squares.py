# Mistake: keeps running sums of x and x**2 in float64 and returns mean(x**2) - mean(x)**2: it cancels catastrophically on data far from zero.
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    s1, s2 = 0.0, 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start : start + chunk].astype(np.float64)
        s1 += float(block.sum())
        s2 += float(np.dot(block, block))
    mean = s1 / mm.size
    return mean, s2 / mm.size - mean * mean
