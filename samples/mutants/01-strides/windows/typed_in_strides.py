# Mistake: strides typed in for contiguous float64/int64 data instead of taken from x.
def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("bad width")
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(8, 8), writeable=False)
