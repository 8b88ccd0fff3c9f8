# Mistake: x.take(range(start, stop), axis=0) copies, but a range is not a slice: negative bounds select other rows.
def detached_slice(x, start, stop):
    return x.take(range(start, stop), axis=0)
