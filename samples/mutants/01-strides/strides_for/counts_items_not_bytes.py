# Mistake: counts strides in items, forgetting to multiply by the item size.
def strides_for(shape, itemsize, order="C"):
    dims = shape if order == "C" else shape[::-1]
    strides = []
    step = 1
    for n in reversed(dims):
        strides.append(step)
        step *= n
    strides = strides[::-1]
    return tuple(strides) if order == "C" else tuple(strides[::-1])
