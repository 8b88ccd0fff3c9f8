# Mistake: I thought converting to float64 first is harmless and avoids casting errors with the bounds, since float64 holds any integer.
# Wrong on: clipped_preview(p, np.int64, 0, 2**62) on an int64 file [2**53 + 1]  -> gives [9007199254740992], correct is [9007199254740993] (already inside the bounds, unchanged)
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="c")
    mm[:] = np.clip(mm.astype(np.float64), lo, hi)
    return mm
