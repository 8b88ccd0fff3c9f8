# Mistake: I thought keeping only three small numbers per chunk is "a few running numbers", so I store every chunk's (n, mean, M) and merge them at the end.
# Wrong on: stream_stats(np.full(4, float(i)) for i in range(200_000)), its tracemalloc peak  -> gives 24 MB (200_000 stored per-chunk summaries), correct is about 1.3 KB (one chunk and three numbers)
def stream_stats(chunks):
    parts = []
    for chunk in chunks:
        chunk = np.asarray(chunk, dtype=np.float64)
        if chunk.size:
            mb = float(chunk.mean())
            d = chunk - mb
            parts.append((chunk.size, mb, float(np.dot(d, d))))
    if not parts:
        raise ValueError("no values")
    n, mean, M = 0, 0.0, 0.0
    for nb, mb, Mb in parts:
        tot = n + nb
        delta = mb - mean
        mean += delta * nb / tot
        M += Mb + delta * delta * n * nb / tot
        n = tot
    return n, mean, float(np.sqrt(M / n))
