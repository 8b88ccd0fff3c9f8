# Mistake: gives every string field alignment 1, as for byte strings, although a unicode
# string ("U") is made of 4-byte characters and aligns to 4.
def packed_order(fields):
    def need(pair):
        dt = np.dtype(pair[1])
        return 1 if dt.char in "SU" else dt.alignment

    return sorted(fields, key=need, reverse=True)
