# Mistake: Fills in missing start/stop by hand instead of slice.indices, forgetting that a negative start counts from the end.
# Wrong on: slice_layout((4, 6), (24, 4), (slice(-2, None),)) -> gives ((6, 6), (24, 4), -48), correct is ((2, 6), (24, 4), 48)
def slice_layout(shape, strides, key):
    new_shape, new_strides, offset = [], [], 0
    for k, (n, s) in enumerate(zip(shape, strides)):
        part = key[k] if k < len(key) else slice(None)
        step = 1 if part.step is None else part.step
        if part.start is None:
            start = 0 if step > 0 else n - 1
        else:
            start = part.start
        if part.stop is None:
            stop = n if step > 0 else -1
        else:
            stop = min(part.stop, n)
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(s * step)
        offset += start * s
    return tuple(new_shape), tuple(new_strides), offset
