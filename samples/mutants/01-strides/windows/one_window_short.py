# Mistake: len(x) - width windows: the last window is missing.
def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("bad width")
    step = x.strides[0]
    return as_strided(x, shape=(len(x) - width, width), strides=(step, step), writeable=False)
