# Mistake: adds up the chunks' squared deviations but forgets the term for how far the chunk means lie apart.
def stream_stats(chunks):
    count, mean, m2 = 0, 0.0, 0.0
    for chunk in chunks:
        nb = chunk.size
        if nb == 0:
            continue
        mb = float(chunk.mean())
        deviations = chunk - mb
        m2 += float(np.dot(deviations, deviations))
        n = count + nb
        mean += (mb - mean) * nb / n
        count = n
    if count == 0:
        raise ValueError("no values")
    return count, mean, float(np.sqrt(m2 / count))
