# Mistake: I read "chunk" as the number of chunks to cut the file into, so each piece holds size // chunk items.
# Wrong on: stream_histogram(p, np.float64, 20, -2.0, 2.0, 16) on an 8 MiB float64 file  -> gives a tracemalloc peak of 2.6 MB (16 pieces of 65536 items each), correct is about 7 KB (a few chunks of 16 items)
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int64)
    n = mm.size
    for i in range(chunk):
        piece = mm[i * n // chunk:(i + 1) * n // chunk]
        counts += np.histogram(piece, bins=bins, range=(lo, hi))[0]
    return counts
