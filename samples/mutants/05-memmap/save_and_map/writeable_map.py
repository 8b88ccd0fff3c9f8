# Mistake: reopens with mmap_mode="r+", so the returned map can change the file.
def save_and_map(path, arr):
    fortran = arr.flags.f_contiguous and not arr.flags.c_contiguous
    out = np.lib.format.open_memmap(
        path, mode="w+", dtype=arr.dtype, shape=arr.shape, fortran_order=fortran
    )
    out[...] = arr
    out.flush()
    del out
    return np.load(path, mmap_mode="r+")
