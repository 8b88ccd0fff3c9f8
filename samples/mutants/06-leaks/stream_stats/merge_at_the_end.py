# Mistake: keeps each chunk's (count, mean, M) and merges them after the loop, a list that grows with the number of chunks.
def stream_stats(chunks):
    parts = []
    for chunk in chunks:
        if chunk.size:
            chunk = chunk.astype(np.float64)
            mb = float(chunk.mean())
            d = chunk - mb
            parts.append((chunk.size, mb, float(np.dot(d, d))))
    if not parts:
        raise ValueError("no values")
    count, mean, m2 = 0, 0.0, 0.0
    for nb, mb, m2b in parts:
        n = count + nb
        delta = mb - mean
        mean += delta * nb / n
        m2 += m2b + delta * delta * count * nb / n
        count = n
    return count, mean, float(np.sqrt(m2 / count))
