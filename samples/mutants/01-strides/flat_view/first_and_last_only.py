# Mistake: checks only that the outermost kept stride spans everything inside it, in steps of
# the innermost stride, without checking each pair of neighbouring axes in between.
def flat_view(x):
    kept = [(n, s) for n, s in zip(x.shape, x.strides) if n != 1]
    if not kept:
        return as_strided(x, shape=(x.size,), strides=(x.itemsize,))
    (n0, outer), (_, inner) = kept[0], kept[-1]
    if outer != (x.size // n0) * inner:
        raise ValueError("no flat view without a copy")
    return as_strided(x, shape=(x.size,), strides=(inner,))
