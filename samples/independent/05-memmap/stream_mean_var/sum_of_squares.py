# Mistake: I thought var = E[x^2] - E[x]^2 with float64 running sums is exact enough, so one pass only needs the sum and the sum of squares.
# Wrong on: stream_mean_var(p, np.float64, 4096) on a float64 file 1e9 + rng.normal(size=100_000)  -> gives a variance of 256.0 (catastrophic cancellation), correct is 0.99308 (rng = default_rng(1))
def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    n = 0
    s = 0.0
    ss = 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start:start + chunk].astype(np.float64)
        n += block.size
        s += float(block.sum())
        ss += float(np.dot(block, block))
    mean = s / n
    return mean, ss / n - mean * mean
