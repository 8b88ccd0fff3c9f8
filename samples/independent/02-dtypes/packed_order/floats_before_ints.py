# Mistake: I generalised from the examples that floats are the widest fields, so I put floats first, then signed and unsigned ints, then strings, each group largest first.
# Wrong on: packed_order([("a", "f4"), ("b", "i8"), ("c", "i4")])  -> aligned itemsize 24, correct is 16 (b, a, c)
def packed_order(fields):
    rank = {"c": 5, "f": 4, "i": 3, "u": 2, "S": 1, "U": 1}

    def key(pair):
        dt = np.dtype(pair[1])
        return (rank.get(dt.kind, 0), dt.itemsize)

    return sorted(fields, key=key, reverse=True)
