# Mistake: I believed only a 1-D array can be both C- and F-contiguous, so for more axes I report C when both tests pass.
# Wrong on: contiguity((1, 4), (32, 8), 8)  -> gives (True, False), correct is (True, True)
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return (True, True)

    def packed(axes):
        expected = itemsize
        for ax in axes:
            if shape[ax] != 1 and strides[ax] != expected:
                return False
            expected *= shape[ax]
        return True

    axes = list(range(len(shape)))
    c, f = packed(axes[::-1]), packed(axes)
    if len(shape) > 1 and c and f:
        f = False
    return (c, f)
