# Mistake: believes np.fromfile / tofile is just as good as a map for patching, so reads the whole file into memory, patches it and writes it all back (memory as big as the file, and no map to flush).
# Wrong on: patch_file(<4 MiB int32 file>, np.int32, 0, 7) -> tracemalloc peak of about 4 MiB (the whole file), correct is a few kB (only the patched page is touched through a map)
import numpy as np


def patch_file(path, dtype, index, values):
    arr = np.fromfile(path, dtype=dtype)
    arr[index] = values
    arr.tofile(path)
    return None
