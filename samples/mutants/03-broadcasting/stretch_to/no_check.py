# Mistake: gives stride 0 to every axis whose length differs, instead of refusing a mismatch.
def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    strides = []
    for axis, n in enumerate(shape):
        k = axis - lead
        if k < 0 or x.shape[k] != n:
            strides.append(0)
        else:
            strides.append(x.strides[k])
    return as_strided(x, shape=shape, strides=tuple(strides), writeable=False)
