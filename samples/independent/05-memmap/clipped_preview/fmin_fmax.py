# Mistake: I thought np.fmin/np.fmax are just the in-place-friendly min/max, so fmax(lo) then fmin(hi) is the same as clipping.
# Wrong on: clipped_preview(p, np.float64, 0.0, 2.0) on a float64 file [nan, 1.0, 5.0]  -> gives [0.0, 1.0, 2.0] (fmax replaces NaN by lo), correct is [nan, 1.0, 2.0] as np.clip gives
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="c")
    np.fmax(mm, lo, out=mm)
    np.fmin(mm, hi, out=mm)
    return mm
