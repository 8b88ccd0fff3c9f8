# Mistake: I started by checking that the innermost stride equals the item size, assuming every array has at least one axis, so a 0-d layout crashes.
# Wrong on: contiguity((), (), 8)  -> gives IndexError, correct is (True, True)
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return (True, True)
    c = shape[-1] == 1 or strides[-1] == itemsize
    f = shape[0] == 1 or strides[0] == itemsize
    expected = itemsize
    for n, s in zip(shape[::-1], strides[::-1]):
        if n != 1 and s != expected:
            c = False
        expected *= n
    expected = itemsize
    for n, s in zip(shape, strides):
        if n != 1 and s != expected:
            f = False
        expected *= n
    return (c, f)
