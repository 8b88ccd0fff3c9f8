# Mistake: I thought the memory order is only how the array sits in RAM, so the file can always be written in C order and the values are the same anyway.
# Wrong on: save_and_map(p, np.asfortranarray(np.arange(6.).reshape(2, 3)))  -> gives a file with fortran_order False and a C-contiguous map, correct is fortran_order True (as np.save writes) and an F-contiguous map
def save_and_map(path, arr):
    out = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape)
    out[...] = arr
    out.flush()
    del out
    return np.load(path, mmap_mode="r")
