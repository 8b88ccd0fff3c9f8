# Mistake: I thought a number aligns to its own size (and a byte string to 1), so I used the item size as the alignment, also for complex numbers and sub-arrays.
# Wrong on: record_size([("n", "u1"), ("v", "(3,)f4")])  -> gives (13, 24), correct is (13, 16)
def record_size(fields):
    def up(n, a):
        return -(-n // a) * a

    packed = aligned = 0
    largest = 1
    for _name, fmt in fields:
        dt = np.dtype(fmt)
        align = 1 if dt.kind in "SUV" and dt.subdtype is None else dt.itemsize
        packed += dt.itemsize
        aligned = up(aligned, align) + dt.itemsize
        largest = max(largest, align)
    return (packed, up(aligned, largest))
