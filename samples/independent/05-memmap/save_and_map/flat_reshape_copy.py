# Mistake: I thought reshape(-1) always gives a flat view, so copying flat into flat fills the file whatever its order.
# Wrong on: save_and_map(p, np.asfortranarray(np.arange(6.).reshape(2, 3)))  -> gives a file of zeros (reshape(-1) of the Fortran map is a copy, the assignment is lost), correct is the values [[0, 1, 2], [3, 4, 5]]
def save_and_map(path, arr):
    fortran = bool(arr.flags.f_contiguous and not arr.flags.c_contiguous)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                    fortran_order=fortran)
    out.reshape(-1)[:] = arr.reshape(-1)
    out.flush()
    del out
    return np.load(path, mmap_mode="r")
