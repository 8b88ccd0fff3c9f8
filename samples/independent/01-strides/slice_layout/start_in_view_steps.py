# Mistake: I measured the start in steps of the new view, start * new stride, and took abs() once the reversed example came out negative.
# Wrong on: slice_layout((6,), (4,), (slice(1, None, 2),))  -> gives ((3,), (8,), 8), correct is ((3,), (8,), 4)
def slice_layout(shape, strides, key):
    key = tuple(key) + (slice(None),) * (len(shape) - len(key))
    new_shape, new_strides, offset = [], [], 0
    for part, n, s in zip(key, shape, strides):
        start, stop, step = part.indices(n)
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(s * step)
        offset += start * abs(s * step)
    return tuple(new_shape), tuple(new_strides), offset
