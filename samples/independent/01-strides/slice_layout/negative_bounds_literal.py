# Mistake: I filled in the defaults of a slice myself (0 or n, and n-1 / -1 for a negative step) but used a negative start or stop as is, as if -2 were a real position.
# Wrong on: slice_layout((6,), (4,), (slice(-2, None),))  -> gives ((8,), (4,), -8), correct is ((2,), (4,), 16)
def slice_layout(shape, strides, key):
    key = tuple(key) + (slice(None),) * (len(shape) - len(key))
    new_shape, new_strides, offset = [], [], 0
    for part, n, s in zip(key, shape, strides):
        step = 1 if part.step is None else part.step
        if part.start is None:
            start = 0 if step > 0 else n - 1
        else:
            start = part.start
        if part.stop is None:
            stop = n if step > 0 else -1
        else:
            stop = part.stop
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(s * step)
        offset += start * s
    return tuple(new_shape), tuple(new_strides), offset
