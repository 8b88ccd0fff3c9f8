# Mistake: takes mm[index] first and assigns into that: for a list of positions it is a copy, so the file never changes.
def patch_file(path, dtype, index, values):
    mm = np.memmap(path, dtype=dtype, mode="r+")
    target = mm[index]
    target[...] = values
    mm.flush()
