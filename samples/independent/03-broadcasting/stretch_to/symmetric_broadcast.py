# Mistake: I thought broadcast_to(x, shape) broadcasts x and shape against each other, so a length-1 axis in shape also stretches to x's length.
# Wrong on: stretch_to(np.arange(3.0), (1,))  -> gives a (3,) view, correct is ValueError
def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("x has more axes than shape")
    out_shape = list(shape[:lead])
    strides = [0] * lead
    for n, s, target in zip(x.shape, x.strides, shape[lead:]):
        if n == target:
            out_shape.append(n)
            strides.append(s)
        elif n == 1:
            out_shape.append(target)
            strides.append(0)
        elif target == 1:
            out_shape.append(n)
            strides.append(s)
        else:
            raise ValueError(f"cannot stretch {x.shape} to {shape}")
    return as_strided(x, shape=tuple(out_shape), strides=strides, writeable=False)
