# Mistake: "detaches" by copying the base and slicing that: for a view x the rows are counted in the base.
def detached_slice(x, start, stop):
    owner = x if x.base is None else x.base
    return owner.copy()[start:stop].copy()
