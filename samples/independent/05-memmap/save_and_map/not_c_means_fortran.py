# Mistake: I thought an array that is not C-contiguous must be a Fortran array, so anything not C-ordered is stored in Fortran order.
# Wrong on: save_and_map(p, np.arange(12.0).reshape(3, 4)[:, ::2])  -> gives a header with fortran_order True, correct is fortran_order False (a non-contiguous array is stored in C order, as np.save does)
def save_and_map(path, arr):
    out = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                    fortran_order=not arr.flags.c_contiguous)
    out[...] = arr
    out.flush()
    del out
    return np.load(path, mmap_mode="r")
