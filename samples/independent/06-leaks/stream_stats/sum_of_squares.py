# Mistake: I thought keeping the count, the sum and the sum of squares is all a stream needs, since std = sqrt(E[x^2] - E[x]^2).
# Wrong on: stream_stats([1e9 + np.array([0.0, 1.0, 2.0, 3.0])])  -> gives std 0.0 (cancellation), correct is 1.118033988749895
def stream_stats(chunks):
    count, s, ss = 0, 0.0, 0.0
    for chunk in chunks:
        chunk = np.asarray(chunk, dtype=np.float64)
        count += chunk.size
        s += float(chunk.sum())
        ss += float(np.dot(chunk, chunk))
    if count == 0:
        raise ValueError("no values")
    mean = s / count
    var = max(ss / count - mean * mean, 0.0)
    return count, mean, float(np.sqrt(var))
