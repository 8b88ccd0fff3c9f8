# Mistake: I thought a number's alignment is its item size and byte strings have none, so I sorted numbers by item size, largest first, and put strings last; a sub-array like (3,)f4 then leads.
# Wrong on: packed_order([("v", "(3,)f4"), ("x", "f8"), ("n", "i4")])  -> aligned itemsize 32, correct is 24 (x, v, n)
def packed_order(fields):
    def key(pair):
        dt = np.dtype(pair[1])
        return 0 if dt.kind == "S" else dt.itemsize

    return sorted(fields, key=key, reverse=True)
