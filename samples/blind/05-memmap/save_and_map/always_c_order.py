# Mistake: believes the order only matters in memory and a .npy file is always C-ordered, so always writes fortran_order=False (np.save would mark an F-contiguous array as Fortran).
# Wrong on: save_and_map("x.npy", np.asfortranarray(np.arange(6.0).reshape(2, 3))) -> header fortran_order False, correct is True
import numpy as np


def save_and_map(path, arr):
    m = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                  fortran_order=False)
    m[...] = arr
    m.flush()
    del m
    return np.load(path, mmap_mode="r")
