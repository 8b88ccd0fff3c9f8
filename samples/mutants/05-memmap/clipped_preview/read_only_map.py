# Mistake: maps the file read-only ("r") to protect it: then the map cannot be clipped in place at all.
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="r")
    np.clip(mm, lo, hi, out=mm)
    return mm
