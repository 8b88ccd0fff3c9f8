# Mistake: patches the file through the map but never calls flush(): fine until the OS crashes.
def patch_file(path, dtype, index, values):
    mm = np.memmap(path, dtype=dtype, mode="r+")
    mm[index] = values
