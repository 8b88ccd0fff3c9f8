# Mistake: sorts the axes by stride first (memory order), so an F-ordered array "flattens" to a view read in the wrong order.
def flat_view(x):
    kept = sorted(((n, s) for n, s in zip(x.shape, x.strides) if n != 1), key=lambda p: -abs(p[1]))
    for (_, outer), (n, inner) in zip(kept, kept[1:]):
        if abs(outer) != n * abs(inner):
            raise ValueError("axes cannot be merged")
    stride = kept[-1][1] if kept else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
