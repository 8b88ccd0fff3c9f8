# Mistake: returns the map it wrote with, its writeable flag turned off, instead of reopening the file in mode "r".
def save_and_map(path, arr):
    fortran = arr.flags.f_contiguous and not arr.flags.c_contiguous
    out = np.lib.format.open_memmap(
        path, mode="w+", dtype=arr.dtype, shape=arr.shape, fortran_order=fortran
    )
    out[...] = arr
    out.flush()
    out.setflags(write=False)
    return out
