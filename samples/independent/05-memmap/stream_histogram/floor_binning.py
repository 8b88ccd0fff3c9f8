# Mistake: I thought a value's bin is simply floor((x - lo) / width), so I bin by hand with np.bincount instead of calling np.histogram on every chunk.
# Wrong on: stream_histogram(p, np.float64, 20, -2.0, 2.0, 4) on a float64 file [-1.8]  -> gives the count in bin 0 (floor((-1.8 + 2.0) / 0.2) = floor(0.9999999999999998)), correct is bin 1 (np.histogram compares with its edges, and edges[1] == -1.8)
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int64)
    width = (hi - lo) / bins
    for start in range(0, mm.size, chunk):
        block = mm[start:start + chunk].astype(np.float64)
        block = block[(block >= lo) & (block <= hi)]
        idx = np.floor((block - lo) / width).astype(np.int64)
        idx[idx == bins] = bins - 1          # the last bin includes hi
        counts += np.bincount(idx, minlength=bins)
    return counts
