# Mistake: I clip in chunks to keep the private copies small, and wrote each chunk as mm[start:start + CHUNK - 1] thinking a slice's end is inclusive.
# Wrong on: clipped_preview(p, np.int16, 0, 8) on an int16 file of 70000 values all equal to 100  -> gives 100 left at index 65535 (the last item of the first chunk), correct is 8 everywhere
def clipped_preview(path, dtype, lo, hi):
    CHUNK = 65536
    mm = np.memmap(path, dtype=dtype, mode="c")
    for start in range(0, mm.size, CHUNK):
        block = mm[start:start + CHUNK - 1]
        np.clip(block, lo, hi, out=block)
    return mm
