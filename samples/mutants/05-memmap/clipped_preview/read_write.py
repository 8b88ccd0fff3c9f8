# Mistake: opens the file "r+", so clipping in place rewrites the file itself.
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="r+")
    np.clip(mm, lo, hi, out=mm)
    return mm
