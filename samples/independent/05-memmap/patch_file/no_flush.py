# Mistake: I assumed the map writes itself to disk when it goes away, so calling flush() is just optional tidying up.
# Wrong on: patch_file(p, np.int32, [1, 3], [-1, -3])  -> gives a patch that is never msync'ed (flush() is never called, so it is lost on a power cut), correct is the same patch made durable by mm.flush()
def patch_file(path, dtype, index, values):
    mm = np.memmap(path, dtype=dtype, mode="r+")
    mm[index] = values
    # no flush: "the kernel writes it anyway"
    return None
