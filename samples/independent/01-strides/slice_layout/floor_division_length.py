# Mistake: I computed the new length as (stop - start) // step, forgetting that a partial last step still picks up one more element.
# Wrong on: slice_layout((6,), (4,), (slice(0, 5, 2),))  -> gives ((2,), (8,), 0), correct is ((3,), (8,), 0)
def slice_layout(shape, strides, key):
    key = tuple(key) + (slice(None),) * (len(shape) - len(key))
    new_shape, new_strides, offset = [], [], 0
    for part, n, s in zip(key, shape, strides):
        start, stop, step = part.indices(n)
        new_shape.append((stop - start) // step)
        new_strides.append(s * step)
        offset += start * s
    return tuple(new_shape), tuple(new_strides), offset
