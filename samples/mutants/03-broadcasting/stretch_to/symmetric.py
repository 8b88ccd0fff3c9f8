# Mistake: applies the two-operand rule in both directions, so a long axis of x is "stretched" to a target length of 1.
def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError(f"cannot broadcast {x.shape} to the shorter shape {shape}")
    strides = []
    for axis, n in enumerate(shape):
        if axis < lead:
            strides.append(0)
            continue
        own, stride = x.shape[axis - lead], x.strides[axis - lead]
        if own == n or n == 1:
            strides.append(stride)
        elif own == 1:
            strides.append(0)
        else:
            raise ValueError(f"cannot broadcast {x.shape} to {shape}")
    return as_strided(x, shape=shape, strides=tuple(strides), writeable=False)
