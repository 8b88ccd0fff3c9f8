# Mistake: I generalised from the example and treated index as a list of positions paired one-to-one with values.
# Wrong on: patch_file(p, np.int32, slice(2, 5), 7) on arange(10)  -> gives TypeError ('slice' object is not iterable), correct is the file [0, 1, 7, 7, 7, 5, 6, 7, 8, 9]
def patch_file(path, dtype, index, values):
    mm = np.memmap(path, dtype=dtype, mode="r+")
    for i, v in zip(index, values):
        mm[i] = v
    mm.flush()
    return None
