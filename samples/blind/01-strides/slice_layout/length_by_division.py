# Mistake: Counts the new length as (stop - start) // step, which drops the last element whenever the span is not a multiple of the step.
# Wrong on: slice_layout((6,), (8,), (slice(0, 5, 2),)) -> gives ((2,), (16,), 0), correct is ((3,), (16,), 0)
def slice_layout(shape, strides, key):
    new_shape, new_strides, offset = [], [], 0
    for k, (n, s) in enumerate(zip(shape, strides)):
        part = key[k] if k < len(key) else slice(None)
        start, stop, step = part.indices(n)
        new_shape.append((stop - start) // step)
        new_strides.append(s * step)
        offset += start * s
    return tuple(new_shape), tuple(new_strides), offset
