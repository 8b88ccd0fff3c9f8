# Mistake: I thought reopening is a waste: turning off the writeable flag on the map I wrote with makes it a read-only map.
# Wrong on: m = save_and_map(p, np.arange(6.)); m.flags.writeable = True; m[0] = 99  -> gives no error and the file now holds 99 (m.mode == "r+"), correct is ValueError: a map reopened with mmap_mode="r" cannot be made writeable
def save_and_map(path, arr):
    fortran = bool(arr.flags.f_contiguous and not arr.flags.c_contiguous)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
                                    fortran_order=fortran)
    out[...] = arr
    out.flush()
    out.flags.writeable = False
    return out
