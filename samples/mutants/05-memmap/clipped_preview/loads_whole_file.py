# Mistake: reads the whole file into memory and clips that: the file is safe, but nothing is mapped.
def clipped_preview(path, dtype, lo, hi):
    data = np.fromfile(path, dtype=dtype)
    np.clip(data, lo, hi, out=data)
    return data
