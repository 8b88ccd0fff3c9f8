# Mistake: maps the file without looking at its size: an empty file raises ValueError instead of giving zero counts.
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int64)
    for start in range(0, mm.size, chunk):
        counts += np.histogram(mm[start : start + chunk], bins=bins, range=(lo, hi))[0]
    return counts
