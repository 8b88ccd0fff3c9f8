# Mistake: I thought arr.flags.f_contiguous alone says "this is a Fortran array", forgetting that 1-D arrays are C- and F-contiguous at once.
# Wrong on: save_and_map(p, np.arange(5.0))  -> gives a .npy header with fortran_order True, correct is fortran_order False (np.save stores anything C-contiguous in C order)
def save_and_map(path, arr):
    out = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                    fortran_order=bool(arr.flags.f_contiguous))
    out[...] = arr
    out.flush()
    del out
    return np.load(path, mmap_mode="r")
