# Mistake: C and Fortran order confused (the first axis made contiguous for "C").
def strides_for(shape, itemsize, order="C"):
    strides = []
    step = itemsize
    dims = shape if order == "C" else shape[::-1]
    for n in dims:
        strides.append(step)
        step *= n
    return tuple(strides) if order == "C" else tuple(strides[::-1])
