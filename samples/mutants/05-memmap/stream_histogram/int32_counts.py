# Mistake: keeps the running counts in int32; the spec asks for int64, since a 32-bit total wraps silently past 2**31 items in one bin.
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int32)
    for start in range(0, mm.size, chunk):
        counts += np.histogram(mm[start : start + chunk], bins=bins, range=(lo, hi))[0]
    return counts
