# Mistake: I thought an empty chunk is harmless in the merge because it adds zero values, so I do not skip it.
# Wrong on: stream_stats([np.array([1.0, 2.0]), np.array([]), np.array([3.0, 4.0])])  -> gives (4, nan, nan), correct is (4, 2.5, 1.118033988749895)
def stream_stats(chunks):
    n, mean, M = 0, 0.0, 0.0
    for chunk in chunks:
        chunk = np.asarray(chunk, dtype=np.float64)
        nb = chunk.size
        with np.errstate(all="ignore"):
            mb = float(np.mean(chunk)) if nb else float("nan")
        d = chunk - mb
        Mb = float(np.dot(d, d))
        tot = n + nb
        delta = mb - mean
        mean += delta * nb / tot
        M += Mb + delta * delta * n * nb / tot
        n = tot
    if n == 0:
        raise ValueError("no values")
    return n, mean, float(np.sqrt(M / n))
