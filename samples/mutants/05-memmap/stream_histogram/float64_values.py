# Mistake: converts each chunk to float64 before the histogram, "for accuracy", which moves float32 values next to an edge into another bin.
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    counts = np.zeros(bins, dtype=np.int64)
    if os.path.getsize(path) == 0:
        return counts
    mm = np.memmap(path, dtype=dtype, mode="r")
    for start in range(0, mm.size, chunk):
        block = mm[start : start + chunk].astype(np.float64)
        counts += np.histogram(block, bins=bins, range=(lo, hi))[0]
    return counts
