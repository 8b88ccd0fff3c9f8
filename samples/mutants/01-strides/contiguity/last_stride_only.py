# Mistake: looks only at the innermost stride of each order.
def contiguity(shape, strides, itemsize):
    if 0 in shape:
        return True, True
    return strides[-1] == itemsize, strides[0] == itemsize
