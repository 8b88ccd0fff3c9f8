# Mistake: flushes right after opening the map, before the write, as if flush() set up a write-through map.
def patch_file(path, dtype, index, values):
    mm = np.memmap(path, dtype=dtype, mode="r+")
    mm.flush()
    mm[index] = values
