# Mistake: I sorted by alignment but counted every string format as alignment 1, like byte strings, although a unicode string ("U") is made of 4-byte characters.
# Wrong on: packed_order([("a", "u1"), ("s", "U1"), ("b", "u1")])  -> aligned itemsize 12, correct is 8 (s, a, b)
def packed_order(fields):
    def key(pair):
        dt = np.dtype(pair[1])
        return 1 if dt.kind in "SU" else dt.alignment

    return sorted(fields, key=key, reverse=True)
