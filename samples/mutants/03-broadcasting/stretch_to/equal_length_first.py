# Mistake: tests "same length" before "length 1", so an axis of length 1 stretched to a target of 1 keeps x's stride instead of 0.
def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError(f"{x.shape} has more axes than {shape}")
    strides = [0] * lead
    for own, stride, n in zip(x.shape, x.strides, shape[lead:]):
        if own == n:
            strides.append(stride)
        elif own == 1:
            strides.append(0)
        else:
            raise ValueError(f"cannot stretch {x.shape} to {shape}")
    return as_strided(x, shape=shape, strides=tuple(strides), writeable=False)
