# Mistake: I thought a leading length-1 axis of x can simply be dropped when shape has fewer axes, as broadcasting treats missing axes as 1.
# Wrong on: stretch_to(np.ones((1, 3)), (3,))  -> gives a (3,) view, correct is ValueError (x has more axes than shape)
def stretch_to(x, shape):
    shape = tuple(shape)
    while x.ndim > len(shape) and x.shape[0] == 1:
        x = x[0]
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("x has more axes than shape")
    strides = [0] * lead
    for n, s, target in zip(x.shape, x.strides, shape[lead:]):
        if n == target:
            strides.append(s)
        elif n == 1:
            strides.append(0)
        else:
            raise ValueError(f"cannot stretch {x.shape} to {shape}")
    return as_strided(x, shape=shape, strides=strides, writeable=False)
