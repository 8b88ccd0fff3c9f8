# Mistake: I thought only fields whose size is a power of two (1, 2, 4, 8 bytes) get aligned, and odd-sized blobs such as S10 or (3,)f4 are packed like bytes, so they can go last.
# Wrong on: packed_order([("b", "u1"), ("v", "(3,)f4"), ("c", "u1")])  -> aligned itemsize 20, correct is 16 (v, b, c)
def packed_order(fields):
    def key(pair):
        size = np.dtype(pair[1]).itemsize
        return size if size in (1, 2, 4, 8, 16) else 1

    return sorted(fields, key=key, reverse=True)
