# Mistake: I checked "same length keeps x's stride" before "length 1 gets stride 0", so a length-1 axis whose target is also 1 keeps its stride, unlike np.broadcast_to.
# Wrong on: stretch_to(np.arange(6.0).reshape(3, 2)[:, :1], (3, 1)).strides  -> gives (16, 8), correct is (16, 0) (what np.broadcast_to gives)
def stretch_to(x, shape):
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
