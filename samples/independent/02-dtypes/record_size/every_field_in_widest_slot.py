# Mistake: I thought align=True puts every field at a multiple of the record's largest alignment, like fixed-width slots, not of the field's own alignment.
# Wrong on: record_size([("a", "u1"), ("b", "u1"), ("c", "i4")])  -> gives (6, 12), correct is (6, 8)
def record_size(fields):
    def up(n, a):
        return -(-n // a) * a

    largest = max([np.dtype(fmt).alignment for _name, fmt in fields], default=1)
    packed = aligned = 0
    for _name, fmt in fields:
        dt = np.dtype(fmt)
        packed += dt.itemsize
        aligned = up(aligned, largest) + dt.itemsize
    return (packed, up(aligned, largest))
