# Mistake: I thought mode "c" is the safe mode that never touches the file, so a "c" map with the writeable flag off counts as read-only.
# Wrong on: m = read_rows(p, np.int32, 4, 2, 5); m.flags.writeable = True; m[0, 0] = 99  -> gives no error (m.mode == "c": the map accepts writes into private pages), correct is ValueError: a mode "r" map cannot be made writeable
def read_rows(path, dtype, n_cols, start, stop, header=0):
    row_bytes = n_cols * np.dtype(dtype).itemsize
    mm = np.memmap(path, dtype=dtype, mode="c", offset=header + start * row_bytes,
                   shape=(stop - start, n_cols))
    mm.flags.writeable = False
    return mm
