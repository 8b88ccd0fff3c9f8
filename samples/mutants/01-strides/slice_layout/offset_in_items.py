# Mistake: the offset counted in items along each axis, not in bytes.
def slice_layout(shape, strides, key):
    new_shape, new_strides, offset = [], [], 0
    for axis, (n, stride) in enumerate(zip(shape, strides)):
        part = key[axis] if axis < len(key) else slice(None)
        start, stop, step = part.indices(n)
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(stride * step)
        offset += start
    return tuple(new_shape), tuple(new_strides), offset
