# Mistake: Compares the stride of every axis, including axes of length 1 whose strides NumPy ignores.
# Wrong on: contiguity((3, 1), (8, 16), 8) -> gives (False, False), correct is (True, True)
def contiguity(shape, strides, itemsize):
    if any(n == 0 for n in shape):
        return (True, True)

    def packed(axes):
        expected = itemsize
        for k in axes:
            if strides[k] != expected:
                return False
            expected *= shape[k]
        return True

    nd = len(shape)
    return (packed(reversed(range(nd))), packed(range(nd)))
