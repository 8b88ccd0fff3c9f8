# Mistake: I wanted to map only the items I need, so I mapped the file up to the largest index, forgetting that negative indices count from the end of the file.
# Wrong on: patch_file(p, np.int32, [-1], [99]) on arange(10)  -> gives an error (it maps 0 items), correct is the file [0, 1, 2, 3, 4, 5, 6, 7, 8, 99]
def patch_file(path, dtype, index, values):
    idx = np.asarray(index)
    mm = np.memmap(path, dtype=dtype, mode="r+", shape=(int(idx.max()) + 1,))
    mm[idx] = values
    mm.flush()
    return None
