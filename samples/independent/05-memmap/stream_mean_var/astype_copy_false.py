# Mistake: I thought astype(np.float64, copy=False) never copies, so converting the whole map up front costs nothing and then I stream over it.
# Wrong on: stream_mean_var(p, np.float32, 65536) on a 4 MiB float32 file  -> gives a tracemalloc peak of 9.4 MB (the whole file converted to float64), correct is about 1.05 MB (a chunk or two)
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    x = mm.astype(np.float64, copy=False)
    n, mean, M = 0, 0.0, 0.0
    for start in range(0, x.size, chunk):
        block = np.array(x[start:start + chunk])
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
