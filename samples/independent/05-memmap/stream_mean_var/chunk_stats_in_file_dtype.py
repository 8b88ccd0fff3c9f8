# Mistake: I thought np.mean and np.var always work in float64, so I call them on each raw chunk and merge the results.
# Wrong on: stream_mean_var(p, np.float16, 1024) on a float16 file 100 + rng.normal(size=10_000)  -> gives (100.0, inf) (each chunk's mean and var computed in float16, the sum of squares overflows), correct is about (99.9986, 0.985)
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    n, mean, M = 0, 0.0, 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start:start + chunk]
        nb = block.size
        mb = float(np.mean(block))
        Mb = float(np.var(block)) * nb
        tot = n + nb
        delta = mb - mean
        mean += delta * nb / tot
        M += Mb + delta * delta * n * nb / tot
        n = tot
    return mean, M / n
