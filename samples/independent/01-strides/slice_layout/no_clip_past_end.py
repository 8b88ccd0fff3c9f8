# Mistake: I turned negative bounds into positions myself but did not know that a stop past the end is clipped to the length, so v[0:10] of 6 elements has 10.
# Wrong on: slice_layout((6,), (4,), (slice(0, 10),))  -> gives ((10,), (4,), 0), correct is ((6,), (4,), 0)
def slice_layout(shape, strides, key):
    key = tuple(key) + (slice(None),) * (len(shape) - len(key))
    new_shape, new_strides, offset = [], [], 0
    for part, n, s in zip(key, shape, strides):
        step = 1 if part.step is None else part.step
        start, stop = part.start, part.stop
        if start is None:
            start = 0 if step > 0 else n - 1
        elif start < 0:
            start += n
        if stop is None:
            stop = n if step > 0 else -1
        elif stop < 0:
            stop += n
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(s * step)
        offset += start * s
    return tuple(new_shape), tuple(new_strides), offset
