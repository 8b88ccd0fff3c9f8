# Mistake: counts the expected stride in powers of two (item sizes rounded up), wrong for a 3-byte item.
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return True, True
    size = 1 << (itemsize - 1).bit_length()

    def packed(dims, steps):
        expected = size
        for n, stride in zip(dims, steps):
            if n != 1 and stride != expected:
                return False
            expected *= n
        return True

    return packed(reversed(shape), reversed(strides)), packed(shape, strides)
