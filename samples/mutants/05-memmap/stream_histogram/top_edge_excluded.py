# Mistake: bins by hand with half-open bins everywhere, so values equal to hi are not counted.
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int64)
    width = (hi - lo) / bins
    for start in range(0, mm.size, chunk):
        block = mm[start : start + chunk].astype(np.float64)
        block = block[(block >= lo) & (block < hi)]
        idx = np.minimum(((block - lo) / width).astype(np.int64), bins - 1)
        counts += np.bincount(idx, minlength=bins)
    return counts
