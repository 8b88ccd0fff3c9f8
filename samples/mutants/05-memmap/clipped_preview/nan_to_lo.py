# Mistake: clips with "not at least lo" and "not at most hi" masks, which also catch nan (nan compares False) and turn it into lo.
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="c")
    mm[~(mm >= lo)] = lo
    mm[~(mm <= hi)] = hi
    return mm
