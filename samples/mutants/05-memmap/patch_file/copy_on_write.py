# Mistake: maps the file copy-on-write ("c"), so the patch stays in private memory and never reaches the file.
def patch_file(path, dtype, index, values):
    mm = np.memmap(path, dtype=dtype, mode="c")
    mm[index] = values
    mm.flush()
    del mm
