# Mistake: I treated a stride-0 (broadcast) axis like a length-1 axis, since it never moves through memory either, and skipped it.
# Wrong on: contiguity((3, 4), (0, 8), 8)  -> gives (True, True), correct is (False, False)
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return (True, True)

    def packed(axes):
        expected = itemsize
        for ax in axes:
            if shape[ax] == 1 or strides[ax] == 0:
                continue
            if strides[ax] != expected:
                return False
            expected *= shape[ax]
        return True

    axes = list(range(len(shape)))
    return (packed(axes[::-1]), packed(axes))
