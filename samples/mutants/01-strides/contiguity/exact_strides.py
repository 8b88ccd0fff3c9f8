# Mistake: compares with the freshly-allocated strides exactly, so odd strides on
# length-1 axes (which NumPy ignores) make it say "not contiguous".
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return True, True
    c_expected, f_expected = [], []
    step = itemsize
    for n in reversed(shape):
        c_expected.append(step)
        step *= n
    step = itemsize
    for n in shape:
        f_expected.append(step)
        step *= n
    return tuple(strides) == tuple(c_expected[::-1]), tuple(strides) == tuple(f_expected)
