# Mistake: assumes no alignment exceeds 8 bytes (the widest C scalar it knows), wrong for long double.
def record_size(fields):
    packed = 0
    offset, widest = 0, 1
    for _, fmt in fields:
        dt = np.dtype(fmt)
        align = min(dt.alignment, 8)
        packed += dt.itemsize
        offset = -(-offset // align) * align + dt.itemsize
        widest = max(widest, align)
    return packed, -(-offset // widest) * widest
