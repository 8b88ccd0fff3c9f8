# Mistake: I thought a slice's .base is the array I sliced, so I copy only when x[start:stop].base is x and otherwise the slice is already detached from x.
# Wrong on: y = np.arange(1_000_000.0); x = y[::2]; part = detached_slice(x, 10, 14)  -> gives a view whose .base is y (4 elements holding all 8 MB of y: owner nbytes 8_000_000 > 32), correct is a 32-byte array that owns its data
def detached_slice(x, start, stop):
    part = x[start:stop]
    if part.base is x:
        part = part.copy()
    return part
