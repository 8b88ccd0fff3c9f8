# Mistake: I checked every axis's stride against the expected one, including axes of length 1, which are never stepped along.
# Wrong on: contiguity((3, 1), (8, 100), 8)  -> gives (False, False), correct is (True, True)
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return (True, True)

    def packed(axes):
        expected = itemsize
        for ax in axes:
            if strides[ax] != expected:
                return False
            expected *= shape[ax]
        return True

    axes = list(range(len(shape)))
    return (packed(axes[::-1]), packed(axes))
