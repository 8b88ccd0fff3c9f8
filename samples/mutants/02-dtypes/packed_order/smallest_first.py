# Mistake: puts the smallest items first; a long byte string then pushes the rest off alignment.
def packed_order(fields):
    return sorted(fields, key=lambda f: np.dtype(f[1]).itemsize)
