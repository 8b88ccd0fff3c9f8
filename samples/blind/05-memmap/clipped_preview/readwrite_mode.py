# Mistake: believes mode "r+" keeps the file unchanged as long as flush() is never called, but writes to a shared map go straight into the file's pages.
# Wrong on: clipped_preview(<int16 file [-5, 0, 3, 8, 12, 7]>, np.int16, 0, 8) -> file now holds [0, 0, 3, 8, 8, 7], correct is file unchanged [-5, 0, 3, 8, 12, 7]
import numpy as np


def clipped_preview(path, dtype, lo, hi):
    m = np.memmap(path, dtype=dtype, mode="r+")
    np.clip(m, lo, hi, out=m)
    return m
