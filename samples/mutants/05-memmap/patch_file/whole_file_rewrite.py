# Mistake: reads the whole file into memory, patches it and writes it all back: right bytes, but the whole file in RAM.
def patch_file(path, dtype, index, values):
    data = np.fromfile(path, dtype=dtype)
    data[index] = values
    data.tofile(path)
