# Mistake: for integer files I bin with exact integer arithmetic, (x - lo) * bins // (hi - lo), forgetting that it runs in the file's small integer dtype.
# Wrong on: stream_histogram(p, np.int16, 4, 0, 30000, 4) on an int16 file [1000, 20000, 30000]  -> gives [2, 0, 0, 0] (20000 * 4 and 30000 * 4 wrap around in int16), correct is [1, 0, 1, 1]
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int64)
    for start in range(0, mm.size, chunk):
        block = np.array(mm[start:start + chunk])
        if np.issubdtype(block.dtype, np.integer):
            block = block[(block >= lo) & (block <= hi)]
            idx = (block - lo) * bins // (hi - lo)
            idx = np.minimum(idx, bins - 1)      # the last bin includes hi
            idx = idx[(idx >= 0) & (idx < bins)]
            counts += np.bincount(idx.astype(np.int64), minlength=bins)
        else:
            counts += np.histogram(block, bins=bins, range=(lo, hi))[0]
    return counts
