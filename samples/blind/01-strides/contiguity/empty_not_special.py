# Mistake: Forgets that an array with a length-0 axis is trivially contiguous and checks its strides like any other.
# Wrong on: contiguity((3, 0), (8, 8), 8) -> gives (False, False), correct is (True, True)
def contiguity(shape, strides, itemsize):
    def packed(axes):
        expected = itemsize
        for k in axes:
            if shape[k] != 1 and strides[k] != expected:
                return False
            expected *= shape[k]
        return True

    nd = len(shape)
    return (packed(reversed(range(nd))), packed(range(nd)))
