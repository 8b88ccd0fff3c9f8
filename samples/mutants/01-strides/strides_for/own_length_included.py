# Mistake: each stride multiplies in its own axis length (off by one axis).
def strides_for(shape, itemsize, order="C"):
    dims = list(shape) if order == "C" else list(shape)[::-1]
    strides = []
    step = itemsize
    for n in reversed(dims):
        step *= n
        strides.append(step)
    strides.reverse()
    return tuple(strides) if order == "C" else tuple(strides[::-1])
