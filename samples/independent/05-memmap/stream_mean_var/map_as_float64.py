# Mistake: I thought the dtype of np.memmap converts the values, so I map the file as float64 directly because the statistics must be float64.
# Wrong on: stream_mean_var(p, np.int32, 4) on an int32 file arange(10)  -> gives (1.06e-313, 0.0) (the 40 bytes reread as five float64), correct is (4.5, 8.25)
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=np.float64, mode="r")
    n, mean, M = 0, 0.0, 0.0
    for start in range(0, mm.size, chunk):
        block = np.array(mm[start:start + chunk])
        nb = block.size
        mb = float(block.mean())
        block -= mb
        Mb = float(np.dot(block, block))
        tot = n + nb
        delta = mb - mean
        mean += delta * nb / tot
        M += Mb + delta * delta * n * nb / tot
        n = tot
    return mean, M / n
