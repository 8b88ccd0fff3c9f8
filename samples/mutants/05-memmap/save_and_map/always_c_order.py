# Mistake: never passes fortran_order, so a Fortran-ordered array is stored in C order.
def save_and_map(path, arr):
    out = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape)
    out[...] = arr
    out.flush()
    del out
    return np.load(path, mmap_mode="r")
