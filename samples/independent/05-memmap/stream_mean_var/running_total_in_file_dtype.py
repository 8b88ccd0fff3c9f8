# Mistake: I sum each chunk in the file's own dtype (sum(dtype=mm.dtype)) to avoid converting it, thinking the data's dtype is big enough for its own sum.
# Wrong on: stream_mean_var(p, np.int16, 1000) on an int16 file of 10_000 values all 30_000  -> gives (-15.488, 9.0e8) (each chunk's int16 sum wraps around), correct is (30000.0, 0.0)
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    n, mean, M = 0, 0.0, 0.0
    for start in range(0, mm.size, chunk):
        raw = mm[start:start + chunk]
        nb = raw.size
        mb = float(raw.sum(dtype=mm.dtype)) / nb
        d = raw.astype(np.float64) - mb
        Mb = float(np.dot(d, d))
        tot = n + nb
        delta = mb - mean
        mean += delta * nb / tot
        M += Mb + delta * delta * n * nb / tot
        n = tot
    return mean, M / n
