# Mistake: as for the mean, I convert every chunk to float64 before binning "for accuracy", not realising that this changes the bin edges np.histogram uses for float32 data.
# Wrong on: stream_histogram(p, np.float32, 10, 0.0, 1.0, 4) on a float32 file [0.7]  -> gives the count in bin 6 (float64 edges: 0.7f < 0.7000000000000001), correct is bin 7 (np.histogram of the float32 file uses float32 edges, and edges[7] == 0.7f)
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int64)
    for start in range(0, mm.size, chunk):
        block = mm[start:start + chunk].astype(np.float64)
        counts += np.histogram(block, bins=bins, range=(lo, hi))[0]
    return counts
