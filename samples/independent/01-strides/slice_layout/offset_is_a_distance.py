# Mistake: I thought the offset is how far the view starts into the memory, a distance, so I used abs() of the stride and never got a negative offset.
# Wrong on: slice_layout((4, 6), (-24, 4), (slice(1, None),))  -> gives ((3, 6), (-24, 4), 24), correct is ((3, 6), (-24, 4), -24)
def slice_layout(shape, strides, key):
    key = tuple(key) + (slice(None),) * (len(shape) - len(key))
    new_shape, new_strides, offset = [], [], 0
    for part, n, s in zip(key, shape, strides):
        start, stop, step = part.indices(n)
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(s * step)
        offset += start * abs(s)
    return tuple(new_shape), tuple(new_strides), offset
