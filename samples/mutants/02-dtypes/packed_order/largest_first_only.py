# Mistake: moves only the most aligned field to the front and leaves the rest in order.
def packed_order(fields):
    first = max(fields, key=lambda f: np.dtype(f[1]).alignment)
    return [first] + [f for f in fields if f is not first]
