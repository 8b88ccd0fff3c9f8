# Mistake: I thought a view only wastes memory when it is a small part of x, so a slice covering most of x can stay a view.
# Wrong on: detached_slice(np.arange(1_000_000.0), 0, 900_000), then del x  -> gives a view that keeps x (all 8 MB) alive, correct is a copy that owns its 900_000 elements and lets x be freed
def detached_slice(x, start, stop):
    part = x[start:stop]
    if part.nbytes < x.nbytes / 2:
        part = part.copy()
    return part
