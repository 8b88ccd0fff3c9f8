# Mistake: believes the writing map becomes read-only once its writeable flag is switched off, so returns it instead of reopening the file with mmap_mode="r".
# Wrong on: save_and_map("x.npy", np.arange(6.0).reshape(2, 3)).mode -> gives 'r+' (and flags.writeable = True succeeds), correct is 'r'
import numpy as np


def save_and_map(path, arr):
    fortran = bool(arr.flags.f_contiguous and not arr.flags.c_contiguous)
    m = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                  fortran_order=fortran)
    m[...] = arr
    m.flush()
    m.flags.writeable = False
    return m
