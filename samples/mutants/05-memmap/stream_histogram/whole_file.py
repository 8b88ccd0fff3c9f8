# Mistake: reads the whole file with np.fromfile and histograms it at once: right counts, whole file in RAM.
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    return np.histogram(np.fromfile(path, dtype=dtype), bins=bins, range=(lo, hi))[0]
