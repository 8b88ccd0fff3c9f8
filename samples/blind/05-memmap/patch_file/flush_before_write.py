# Mistake: believes flush() "prepares" the map for writing, so calls it right after opening and before the assignment; the write only reaches the file later, when the map is garbage-collected.
# Wrong on: patch_file(<arange(10) int32 file>, np.int32, [1, 3], [-1, -3]) -> the file read at the moment flush() runs holds [0, 1, 2, 3, ...], correct is [0, -1, 2, -3, ...]
import numpy as np


def patch_file(path, dtype, index, values):
    m = np.memmap(path, dtype=dtype, mode="r+")
    m.flush()
    m[index] = values
    return None
