# Mistake: I thought "Fortran order" means the first axis has the smallest stride, so I decide the order from the strides instead of the contiguity flags.
# Wrong on: save_and_map(p, np.arange(24.0).reshape(4, 6).T[:, ::2])  -> gives a header with fortran_order True, correct is fortran_order False (the array is not contiguous, np.save writes C order)
def save_and_map(path, arr):
    fortran = arr.ndim > 1 and arr.strides[0] < arr.strides[-1]
    out = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                    fortran_order=fortran)
    out[...] = arr
    out.flush()
    del out
    return np.load(path, mmap_mode="r")
