# Mistake: merges chunks with Chan's formula, but takes each chunk's mean and deviations in the file's dtype (float32, float16).
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    n, mean, m2 = 0, 0.0, 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start : start + chunk]
        if block.dtype.kind in "iu":
            block = block.astype(np.float64)
        nb = block.size
        mb = float(block.mean())
        dev = block - block.dtype.type(mb)
        m2b = float(np.dot(dev, dev))
        total = n + nb
        delta = mb - mean
        mean += delta * nb / total
        m2 += m2b + delta * delta * n * nb / total
        n = total
    return mean, m2 / n
