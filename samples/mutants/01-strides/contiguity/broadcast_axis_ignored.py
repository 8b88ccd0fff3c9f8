# Mistake: ignores broadcast axes (stride 0) as if they had length 1, since they never move.
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return True, True

    def packed(dims, steps):
        expected = itemsize
        for n, stride in zip(dims, steps):
            if n == 1 or stride == 0:
                continue
            if stride != expected:
                return False
            expected *= n
        return True

    return packed(shape[::-1], strides[::-1]), packed(shape, strides)
