# Mistake: right values and strides to start with, but returns a copy: no memory is shared.
def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("too few axes")
    strides = []
    for axis, n in enumerate(shape):
        if axis < lead:
            strides.append(0)
            continue
        own, stride = x.shape[axis - lead], x.strides[axis - lead]
        if own == n:
            strides.append(stride)
        elif own == 1:
            strides.append(0)
        else:
            raise ValueError("cannot broadcast")
    return as_strided(x, shape=shape, strides=tuple(strides)).copy()
