# Mistake: I read that np.histogram already works through big arrays in blocks, so I hand it the whole read-only map at once and skip my own chunk loop.
# Wrong on: stream_histogram(p, np.float64, 20, -2.0, 2.0, 1024) on an 8 MiB float64 file  -> gives a tracemalloc peak of 2.7 MB (np.histogram works in its own 65536-item blocks), correct is about 45 KB (a few chunks of 1024 items)
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts, _ = np.histogram(mm, bins=bins, range=(lo, hi))
    return counts.astype(np.int64)
