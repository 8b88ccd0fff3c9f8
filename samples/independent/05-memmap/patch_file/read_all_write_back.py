# Mistake: I thought the simplest safe way is to read the array, change it in memory and write the whole file back, since that also puts it on disk.
# Wrong on: patch_file(p, np.float64, 0, 1.0) on a 4 MiB float64 file  -> gives a tracemalloc peak of about 4 MiB (the whole file in memory), correct is about 7 KB (only the map is touched)
def patch_file(path, dtype, index, values):
    arr = np.fromfile(path, dtype=dtype)
    arr[index] = values
    arr.tofile(path)
    return None
