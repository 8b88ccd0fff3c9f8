# Mistake: I believed as_strided needs a contiguous array to compute from, so I call np.ascontiguousarray first, not seeing that it copies a stepped or transposed x.
# Wrong on: stretch_to(np.arange(8.0)[::2], (3, 4))  -> gives a view of a copy (shares no memory with x, misses later writes to x), correct is a view of x
def stretch_to(x, shape):
    x = np.ascontiguousarray(x)
    shape = tuple(shape)
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
