# Mistake: I worried that bounds outside the dtype's range overflow, so I first squeeze them into np.iinfo(dtype), assuming the file holds integers like the example.
# Wrong on: clipped_preview(p, np.float64, 0.0, 1.0) on a float64 file [-1.0, 0.5, 2.0]  -> gives ValueError (np.iinfo rejects float64), correct is the map [0.0, 0.5, 1.0]
def clipped_preview(path, dtype, lo, hi):
    info = np.iinfo(dtype)
    lo = max(lo, int(info.min))
    hi = min(hi, int(info.max))
    mm = np.memmap(path, dtype=dtype, mode="c")
    np.clip(mm, lo, hi, out=mm)
    return mm
