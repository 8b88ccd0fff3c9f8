# Mistake: copies with out[:] = arr, which needs at least one axis, so a 0-d array fails.
def save_and_map(path, arr):
    fortran = arr.flags.f_contiguous and not arr.flags.c_contiguous
    out = np.lib.format.open_memmap(
        path, mode="w+", dtype=arr.dtype, shape=arr.shape, fortran_order=fortran
    )
    out[:] = arr
    out.flush()
    return np.load(path, mmap_mode="r")
