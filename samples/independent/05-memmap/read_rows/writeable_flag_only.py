# Mistake: I thought clearing the writeable flag on an "r+" map makes it a read-only map.
# Wrong on: m = read_rows(p, np.int32, 4, 2, 5); m.flags.writeable = True; m[0, 0] = 99  -> gives a file whose item 8 is now 99 (and m.mode == "r+"), correct is ValueError when re-enabling writes on a mode "r" map, and the file unchanged
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    mm = np.memmap(path, dtype=dtype, mode="r+", offset=header + start * row_bytes,
                   shape=(stop - start, n_cols))
    mm.flags.writeable = False
    return mm
