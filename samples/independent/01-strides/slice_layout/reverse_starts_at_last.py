# Mistake: I assumed a negative step always walks back from the last element, so for a negative step I put the start at n - 1 whatever the slice said.
# Wrong on: slice_layout((4, 6), (24, 4), (slice(2, None, -1),))  -> gives ((3, 6), (-24, 4), 72), correct is ((3, 6), (-24, 4), 48)
def slice_layout(shape, strides, key):
    key = tuple(key) + (slice(None),) * (len(shape) - len(key))
    new_shape, new_strides, offset = [], [], 0
    for part, n, s in zip(key, shape, strides):
        start, stop, step = part.indices(n)
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(s * step)
        if step < 0:
            start = n - 1
        offset += start * s
    return tuple(new_shape), tuple(new_strides), offset
