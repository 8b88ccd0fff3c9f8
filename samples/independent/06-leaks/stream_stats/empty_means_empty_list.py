# Mistake: I thought "no values at all" means an empty list of chunks, so I check `if not chunks` up front.
# Wrong on: stream_stats(iter([np.array([])]))  -> gives ZeroDivisionError, correct is ValueError (there are no values)
def stream_stats(chunks):
    if not chunks:
        raise ValueError("no values")
    n, mean, M = 0, 0.0, 0.0
    for chunk in chunks:
        chunk = np.asarray(chunk, dtype=np.float64)
        nb = chunk.size
        if nb == 0:
            continue
        mb = float(chunk.mean())
        d = chunk - mb
        Mb = float(np.dot(d, d))
        tot = n + nb
        delta = mb - mean
        mean += delta * nb / tot
        M += Mb + delta * delta * n * nb / tot
        n = tot
    return n, mean, (M / n) ** 0.5
