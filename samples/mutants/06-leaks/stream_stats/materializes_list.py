# Mistake: turns the generator into a list first (to be able to read it twice), which
# holds every chunk at once.
def stream_stats(chunks):
    chunks = list(chunks)
    count = sum(c.size for c in chunks)
    if count == 0:
        raise ValueError("no values")
    mean = sum(float(c.sum()) for c in chunks) / count
    var = sum(float(((c - mean) ** 2).sum()) for c in chunks) / count
    return count, mean, float(np.sqrt(var))
