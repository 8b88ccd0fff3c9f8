# Mistake: I thought out[:] = arr means "copy everything" for any array, like out[...] = arr.
# Wrong on: save_and_map(p, np.array(3.5)) (a 0-d array: one element)  -> gives IndexError (too many indices for a 0-d map), correct is a read-only 0-d map holding 3.5
def save_and_map(path, arr):
    fortran = bool(arr.flags.f_contiguous and not arr.flags.c_contiguous)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                    fortran_order=fortran)
    out[:] = arr
    out.flush()
    del out
    return np.load(path, mmap_mode="r")
