# Mistake: I computed x's strides from its shape and itemsize (C order), assuming an array's strides always follow from its shape.
# Wrong on: stretch_to(np.arange(8.0)[::2], (2, 4))  -> gives rows [0., 1., 2., 3.], correct is rows [0., 2., 4., 6.]
def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("x has more axes than shape")
    c_strides = []
    step = x.itemsize
    for n in reversed(x.shape):
        c_strides.insert(0, step)
        step *= n
    strides = [0] * lead
    for n, s, target in zip(x.shape, c_strides, shape[lead:]):
        if n == target:
            strides.append(s)
        elif n == 1:
            strides.append(0)
        else:
            raise ValueError(f"cannot stretch {x.shape} to {shape}")
    return as_strided(x, shape=shape, strides=strides, writeable=False)
