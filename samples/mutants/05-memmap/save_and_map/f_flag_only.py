# Mistake: stores in Fortran order whenever arr.flags.f_contiguous is set, forgetting that 0-d and 1-D arrays are C-contiguous too.
def save_and_map(path, arr):
    out = np.lib.format.open_memmap(
        path, mode="w+", dtype=arr.dtype, shape=arr.shape, fortran_order=arr.flags.f_contiguous
    )
    out[...] = arr
    out.flush()
    return np.load(path, mmap_mode="r")
