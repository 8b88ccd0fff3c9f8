# Mistake: aligns each field but forgets to pad the record to its largest alignment.
def record_size(fields):
    packed = 0
    offset = 0
    for _, fmt in fields:
        dt = np.dtype(fmt)
        packed += dt.itemsize
        offset = -(-offset // dt.alignment) * dt.alignment + dt.itemsize
    return packed, offset
