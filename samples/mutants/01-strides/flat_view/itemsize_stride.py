# Mistake: checks the merge rule, then walks with the item size instead of the innermost stride.
def flat_view(x):
    kept = [(n, s) for n, s in zip(x.shape, x.strides) if n != 1]
    for (_, outer), (n, inner) in zip(kept, kept[1:]):
        if outer != n * inner:
            raise ValueError("axes cannot be merged")
    return as_strided(x, shape=(x.size,), strides=(x.itemsize,))
