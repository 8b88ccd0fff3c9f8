# Mistake: uses each field's item size as its alignment (wrong for strings and sub-arrays).
def record_size(fields):
    packed = 0
    offset, widest = 0, 1
    for _, fmt in fields:
        dt = np.dtype(fmt)
        packed += dt.itemsize
        offset = -(-offset // dt.itemsize) * dt.itemsize + dt.itemsize
        widest = max(widest, dt.itemsize)
    aligned = -(-offset // widest) * widest
    return packed, aligned
