# Mistake: I thought the accurate way is two passes over the chunks, the mean first and then the squared deviations from it, forgetting a generator can be read only once.
# Wrong on: stream_stats(np.array(c) for c in ([1.0, 2.0], [3.0, 4.0]))  -> gives (4, 2.5, 0.0) (the second pass sees nothing), correct is (4, 2.5, 1.118033988749895)
def stream_stats(chunks):
    count, total = 0, 0.0
    for chunk in chunks:
        count += len(chunk)
        total += float(np.sum(chunk))
    if count == 0:
        raise ValueError("no values")
    mean = total / count
    M = 0.0
    for chunk in chunks:
        d = np.asarray(chunk, dtype=np.float64) - mean
        M += float(np.dot(d, d))
    return count, mean, float(np.sqrt(M / count))
