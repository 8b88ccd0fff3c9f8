# Mistake: I took max() of the fields' alignments for the final padding without thinking of a record with no fields, where max() of nothing raises.
# Wrong on: record_size([])  -> raises ValueError, correct is (0, 0)
def record_size(fields):
    def up(n, a):
        return -(-n // a) * a

    packed = aligned = 0
    for _name, fmt in fields:
        dt = np.dtype(fmt)
        packed += dt.itemsize
        aligned = up(aligned, dt.alignment) + dt.itemsize
    largest = max(np.dtype(fmt).alignment for _name, fmt in fields)
    return (packed, up(aligned, largest))
