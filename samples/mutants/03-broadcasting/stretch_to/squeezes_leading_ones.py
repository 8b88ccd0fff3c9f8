# Mistake: drops x's extra leading axes of length 1 to fit a shorter target, as if broadcasting could remove axes.
def stretch_to(x, shape):
    shape = tuple(shape)
    while x.ndim > len(shape) and x.shape[0] == 1:
        x = x.reshape(x.shape[1:])
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError(f"{x.shape} has more axes than {shape}")
    strides = [0] * lead
    for own, stride, n in zip(x.shape, x.strides, shape[lead:]):
        if own == 1:
            strides.append(0)
        elif own == n:
            strides.append(stride)
        else:
            raise ValueError(f"cannot stretch {x.shape} to {shape}")
    return as_strided(x, shape=shape, strides=tuple(strides), writeable=False)
