# Mistake: Believes a reversed axis (negative stride) is still packed because the elements fill the same block, so compares abs(stride).
# Wrong on: contiguity((3,), (-8,), 8) -> gives (True, True), correct is (False, False)
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return (True, True)

    def packed(axes):
        expected = itemsize
        for k in axes:
            if shape[k] != 1 and abs(strides[k]) != expected:
                return False
            expected *= shape[k]
        return True

    nd = len(shape)
    return (packed(reversed(range(nd))), packed(range(nd)))
