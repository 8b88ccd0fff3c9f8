# Mistake: treats every order other than "C" as Fortran order instead of refusing it.
def strides_for(shape, itemsize, order="C"):
    dims = list(shape) if order == "C" else list(reversed(shape))
    strides = []
    step = itemsize
    for n in reversed(dims):
        strides.append(step)
        step *= n
    strides.reverse()
    return tuple(strides) if order == "C" else tuple(reversed(strides))
