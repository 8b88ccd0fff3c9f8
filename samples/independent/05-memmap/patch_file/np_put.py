# Mistake: I thought np.put(arr, index, values) is just the function form of arr[index] = values, whatever index is.
# Wrong on: patch_file(p, np.int32, np.arange(10) > 7, -1) on arange(10) (a boolean mask)  -> gives the file [-1, -1, 2, ..., 9] (the mask read as positions 0 and 1), correct is [0, 1, ..., 7, -1, -1]
def patch_file(path, dtype, index, values):
    mm = np.memmap(path, dtype=dtype, mode="r+")
    np.put(mm, index, values)
    mm.flush()
    return None
