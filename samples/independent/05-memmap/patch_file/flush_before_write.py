# Mistake: I thought flush() switches the map into "write-through" mode, so I call it right after opening and then write.
# Wrong on: patch_file(p, np.int32, [1, 3], [-1, -3])  -> gives the patch only in the page cache (the flush ran before the write, nothing of the patch was synced), correct is flushing after the write
def patch_file(path, dtype, index, values):
    mm = np.memmap(path, dtype=dtype, mode="r+")
    mm.flush()
    mm[index] = values
    return None
