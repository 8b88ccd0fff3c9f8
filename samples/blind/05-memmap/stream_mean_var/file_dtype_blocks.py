# Mistake: believes only the running totals need float64, so computes each block's mean and squared deviations in the file's own dtype (float32/float16 arithmetic).
# Wrong on: stream_mean_var(<float16 file (100 + arange(1000) % 7) as float16>, np.float16, 1000) -> gives (103.0, 3.996), correct is (102.997, 3.994991) (np.mean / np.var with dtype=np.float64)
import numpy as np


def stream_mean_var(path, dtype, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    n, mean, M = 0, 0.0, 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start:start + chunk]
        nb = block.size
        mb = block.mean()
        d = block - mb
        Mb = float(np.dot(d, d))
        delta = float(mb) - mean
        n_new = n + nb
        mean += delta * nb / n_new
        M += Mb + delta * delta * n * nb / n_new
        n = n_new
    return float(mean), float(M / n)
