# Mistake: forgets that an empty array is contiguous whatever its strides.
def contiguity(shape, strides, itemsize):
    def packed(dims, steps):
        expected = itemsize
        for n, stride in zip(dims, steps):
            if n != 1 and stride != expected:
                return False
            expected *= n
        return True

    return packed(shape[::-1], strides[::-1]), packed(shape, strides)
