# Mistake: uses arr.flags.f_contiguous as the fortran_order, forgetting that a 1-D (or 0-d) array is both C- and F-contiguous and np.save stores it in C order.
# Wrong on: save_and_map("x.npy", np.arange(5.0)) -> header fortran_order True, correct is False
import numpy as np


def save_and_map(path, arr):
    m = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                  fortran_order=bool(arr.flags.f_contiguous))
    m[...] = arr
    m.flush()
    del m
    return np.load(path, mmap_mode="r")
