# Mistake: I thought the stride rule covers empty arrays too, so I did not treat a length-0 axis specially.
# Wrong on: contiguity((0, 3), (24, 8), 8)  -> gives (True, False), correct is (True, True)
def contiguity(shape, strides, itemsize):
    def packed(axes):
        expected = itemsize
        for ax in axes:
            if shape[ax] != 1 and strides[ax] != expected:
                return False
            expected *= shape[ax]
        return True

    axes = list(range(len(shape)))
    return (packed(axes[::-1]), packed(axes))
