# Mistake: I generalised from the example and turned the bounds into ints, thinking the bounds of a clip are always whole numbers.
# Wrong on: clipped_preview(p, np.float32, -0.5, 0.5) on a float32 file [-1.0, 0.25, 1.0]  -> gives [0.0, 0.0, 0.0], correct is [-0.5, 0.25, 0.5]
def clipped_preview(path, dtype, lo, hi):
    mm = np.memmap(path, dtype=dtype, mode="c")
    np.clip(mm, int(lo), int(hi), out=mm)
    return mm
