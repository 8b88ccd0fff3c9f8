# Mistake: opens with "w+", which empties the file before writing: every item not patched becomes 0.
def patch_file(path, dtype, index, values):
    n = os.path.getsize(path) // np.dtype(dtype).itemsize
    mm = np.memmap(path, dtype=dtype, mode="w+", shape=(n,))
    mm[index] = values
    mm.flush()
    del mm
