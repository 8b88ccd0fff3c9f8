# Mistake: starts from the innermost stride of each order, so a 0-d layout (no axes) fails.
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return True, True
    c = shape[-1] == 1 or strides[-1] == itemsize
    f = shape[0] == 1 or strides[0] == itemsize
    step = itemsize
    for n, s in zip(reversed(shape), reversed(strides)):
        c = c and (n == 1 or s == step)
        step *= n
    step = itemsize
    for n, s in zip(shape, strides):
        f = f and (n == 1 or s == step)
        step *= n
    return c, f
