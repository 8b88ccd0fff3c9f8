# Mistake: the variance as the mean of the squares minus the square of the mean, which cancels catastrophically far from zero.
def stream_stats(chunks):
    count, total, squares = 0, 0.0, 0.0
    for chunk in chunks:
        count += chunk.size
        total += float(chunk.sum())
        squares += float(np.dot(chunk, chunk))
    if count == 0:
        raise ValueError("no values")
    mean = total / count
    return count, mean, float(np.sqrt(max(squares / count - mean * mean, 0.0)))
