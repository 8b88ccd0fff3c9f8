# Mistake: sorts by item size, but a long byte string has alignment 1 and leaves a gap.
def packed_order(fields):
    return sorted(fields, key=lambda f: np.dtype(f[1]).itemsize, reverse=True)
