# Mistake: the length computed as (stop - start) // step, wrong when step does not divide it.
def slice_layout(shape, strides, key):
    new_shape, new_strides, offset = [], [], 0
    for axis, (n, stride) in enumerate(zip(shape, strides)):
        part = key[axis] if axis < len(key) else slice(None)
        start, stop, step = part.indices(n)
        new_shape.append(max(0, (stop - start) // step))
        new_strides.append(stride * step)
        offset += start * stride
    return tuple(new_shape), tuple(new_strides), offset
