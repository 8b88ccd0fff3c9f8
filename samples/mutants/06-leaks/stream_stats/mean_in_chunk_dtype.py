# Mistake: merges chunks correctly, but takes each chunk's mean and deviations in the chunk's own dtype (float32, float16).
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
    return count, mean, float(np.sqrt(m2 / count))
