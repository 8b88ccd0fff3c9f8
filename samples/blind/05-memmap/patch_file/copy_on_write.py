# Mistake: believes mode "c" (copy-on-write) writes the changes back to the file on flush(), when in fact its writes stay in private pages and the file never changes.
# Wrong on: patch_file(<arange(10) int32 file>, np.int32, [1, 3], [-1, -3]) -> file still holds [0, 1, 2, 3, ...], correct is [0, -1, 2, -3, ...]
import numpy as np


def patch_file(path, dtype, index, values):
    m = np.memmap(path, dtype=dtype, mode="c")
    m[index] = values
    m.flush()
    return None
