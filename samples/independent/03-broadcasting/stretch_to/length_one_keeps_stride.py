# Mistake: I gave stride 0 only to the new leading axes, thinking an existing length-1 axis can keep its own stride when it is stretched.
# Wrong on: stretch_to(np.arange(6.0).reshape(3, 2)[:, :1], (3, 2))  -> gives [[0, 1], [2, 3], [4, 5]], correct is [[0, 0], [2, 2], [4, 4]]
def stretch_to(x, shape):
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError("x has more axes than shape")
    strides = [0] * lead
    for n, s, target in zip(x.shape, x.strides, shape[lead:]):
        if n != target and n != 1:
            raise ValueError(f"cannot stretch {x.shape} to {shape}")
        strides.append(s)
    return as_strided(x, shape=shape, strides=strides, writeable=False)
