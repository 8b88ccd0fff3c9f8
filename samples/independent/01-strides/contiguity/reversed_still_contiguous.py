# Mistake: I thought a reversed array is still one packed block of memory, just walked backwards, so I compared the strides' absolute values.
# Wrong on: contiguity((3,), (-8,), 8)  -> gives (True, True), correct is (False, False)
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return (True, True)

    def packed(axes):
        expected = itemsize
        for ax in axes:
            if shape[ax] != 1 and abs(strides[ax]) != expected:
                return False
            expected *= shape[ax]
        return True

    axes = list(range(len(shape)))
    return (packed(axes[::-1]), packed(axes))
