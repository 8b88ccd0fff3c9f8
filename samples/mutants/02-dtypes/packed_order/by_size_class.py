# Mistake: sorts by item size capped at 8 bytes, so a 16-byte-aligned long double may come after 8-byte fields.
def packed_order(fields):
    return sorted(fields, key=lambda f: min(np.dtype(f[1]).itemsize, 8) if np.dtype(f[1]).alignment > 1 else 0, reverse=True)
