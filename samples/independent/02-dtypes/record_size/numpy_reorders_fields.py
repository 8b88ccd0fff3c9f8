# Mistake: I thought align=True lets NumPy reorder the fields, largest alignment first, to save padding, so I sorted them before laying them out.
# Wrong on: record_size([("a", "u1"), ("b", "i4"), ("c", "u1")])  -> gives (6, 8), correct is (6, 12)
def record_size(fields):
    def up(n, a):
        return -(-n // a) * a

    dts = sorted((np.dtype(fmt) for _name, fmt in fields), key=lambda d: d.alignment, reverse=True)
    packed = aligned = 0
    largest = 1
    for dt in dts:
        packed += dt.itemsize
        aligned = up(aligned, dt.alignment) + dt.itemsize
        largest = max(largest, dt.alignment)
    return (packed, up(aligned, largest))
