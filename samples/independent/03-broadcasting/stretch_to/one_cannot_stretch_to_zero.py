# Mistake: I thought stretching only makes a length-1 axis longer, so a length-1 axis cannot become a length-0 axis.
# Wrong on: stretch_to(np.ones(1), (0,))  -> raises ValueError, correct is an empty read-only view of shape (0,)
def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("x has more axes than shape")
    strides = [0] * lead
    for n, s, target in zip(x.shape, x.strides, shape[lead:]):
        if n == target:
            strides.append(s)
        elif n == 1 and target > 1:
            strides.append(0)
        else:
            raise ValueError(f"cannot stretch {x.shape} to {shape}")
    return as_strided(x, shape=shape, strides=strides, writeable=False)
