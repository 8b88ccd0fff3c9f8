# Mistake: lets np.histogram pick the range of each chunk, so every chunk uses different bin edges.
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int64)
    for start in range(0, mm.size, chunk):
        counts += np.histogram(mm[start : start + chunk], bins=bins)[0]
    return counts
