# Mistake: clips the copy-on-write map but returns mm.copy(): still an np.memmap by type, but new memory that maps nothing.
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="c")
    np.clip(mm, lo, hi, out=mm)
    return mm.copy()
