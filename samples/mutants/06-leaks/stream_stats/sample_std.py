# Mistake: divides by count - 1 (the sample standard deviation, ddof=1) instead of count.
def stream_stats(chunks):
    count, mean, m2 = 0, 0.0, 0.0
    for chunk in chunks:
        nb = chunk.size
        if nb == 0:
            continue
        mb = float(chunk.mean())
        deviations = chunk - mb
        m2b = float(np.dot(deviations, deviations))
        n = count + nb
        delta = mb - mean
        mean += delta * nb / n
        m2 += m2b + delta * delta * count * nb / n
        count = n
    if count == 0:
        raise ValueError("no values")
    return count, mean, float(np.sqrt(m2 / max(count - 1, 1)))
