# Mistake: I believed aligned records are always padded to a multiple of 8 bytes (the word size), not to the largest alignment of their fields.
# Wrong on: record_size([("a", "i2"), ("b", "u1")])  -> gives (3, 8), correct is (3, 4)
def record_size(fields):
    def up(n, a):
        return -(-n // a) * a

    packed = aligned = 0
    for _name, fmt in fields:
        dt = np.dtype(fmt)
        packed += dt.itemsize
        aligned = up(aligned, dt.alignment) + dt.itemsize
    return (packed, up(aligned, 8))
