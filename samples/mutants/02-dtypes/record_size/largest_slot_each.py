# Mistake: gives every field a slot as wide as the widest alignment.
def record_size(fields):
    dts = [np.dtype(fmt) for _, fmt in fields]
    packed = sum(dt.itemsize for dt in dts)
    widest = max(dt.alignment for dt in dts)
    aligned = sum(-(-dt.itemsize // widest) * widest for dt in dts)
    return packed, aligned
