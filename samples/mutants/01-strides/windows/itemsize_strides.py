# Mistake: steps by the item size, right only for a contiguous x.
def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("bad width")
    n = x.itemsize
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(n, n), writeable=False)
