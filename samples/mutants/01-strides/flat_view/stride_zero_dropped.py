# Mistake: drops broadcast axes (stride 0) along with the length-1 axes before the merge
# test, so a broadcast array passes and the view walks bytes that are not its elements.
def flat_view(x):
    kept = [(n, s) for n, s in zip(x.shape, x.strides) if n != 1 and s != 0]
    for (_, outer), (n, inner) in zip(kept, kept[1:]):
        if outer != n * inner:
            raise ValueError("no flat view without a copy")
    stride = kept[-1][1] if kept else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
