# Mistake: slices the last axis (x[..., start:stop]) instead of the first; right only for 1-D input.
def detached_slice(x, start, stop):
    return x[..., start:stop].copy()
