# Mistake: divides the sum of squared deviations by n - 1 (the sample variance), not by n as asked.
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    n, mean, m2 = 0, 0.0, 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start : start + chunk].astype(np.float64)
        nb = block.size
        mb = float(block.mean())
        block -= mb
        m2b = float(np.dot(block, block))
        total = n + nb
        delta = mb - mean
        mean += delta * nb / total
        m2 += m2b + delta * delta * n * nb / total
        n = total
    return mean, m2 / max(n - 1, 1)
