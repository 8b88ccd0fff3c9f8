# Mistake: I thought only 8-byte fields can cause padding, so I put those first and the rest by size, largest first, strings included.
# Wrong on: packed_order([("s", "S3"), ("h", "i2"), ("b", "u1")])  -> aligned itemsize 8, correct is 6 (h, s, b)
def packed_order(fields):
    def key(pair):
        dt = np.dtype(pair[1])
        return (dt.alignment == 8, dt.itemsize)

    return sorted(fields, key=key, reverse=True)
