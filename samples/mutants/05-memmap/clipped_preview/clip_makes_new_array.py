# Mistake: np.clip without out= returns a new in-memory array, not the copy-on-write map.
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="c")
    return np.clip(mm, lo, hi)
