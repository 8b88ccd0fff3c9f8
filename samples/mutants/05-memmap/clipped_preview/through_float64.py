# Mistake: clips a float64 version of the data and writes it back, assuming float64 holds every integer exactly (it does not beyond 2**53).
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="c")
    mm[...] = np.minimum(np.maximum(mm.astype(np.float64), lo), hi)
    return mm
