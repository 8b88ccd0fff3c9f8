# Mistake: Thinks the start offset is a distance (start * |stride|), so on an input whose own stride is negative it goes the wrong way.
# Wrong on: slice_layout((4,), (-8,), (slice(1, None),)) -> gives ((3,), (-8,), 8), correct is ((3,), (-8,), -8)
def slice_layout(shape, strides, key):
    new_shape, new_strides, offset = [], [], 0
    for k, (n, s) in enumerate(zip(shape, strides)):
        part = key[k] if k < len(key) else slice(None)
        start, stop, step = part.indices(n)
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(s * step)
        offset += start * abs(s)
    return tuple(new_shape), tuple(new_strides), offset
