# Mistake: leaves the overlapping windows writeable.
def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("bad width")
    step = x.strides[0]
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(step, step))
