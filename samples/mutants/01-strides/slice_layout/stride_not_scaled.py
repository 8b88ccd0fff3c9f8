# Mistake: the step moves the start and shortens the axis but the stride is left unchanged.
def slice_layout(shape, strides, key):
    new_shape, new_strides, offset = [], [], 0
    for axis, (n, stride) in enumerate(zip(shape, strides)):
        part = key[axis] if axis < len(key) else slice(None)
        start, stop, step = part.indices(n)
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(stride)
        offset += start * stride
    return tuple(new_shape), tuple(new_strides), offset
