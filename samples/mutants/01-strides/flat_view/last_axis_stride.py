# Mistake: walks with the last axis's stride, which is wrong when the last axis has length 1.
def flat_view(x):
    kept = [(n, s) for n, s in zip(x.shape, x.strides) if n != 1]
    for (_, outer), (n, inner) in zip(kept, kept[1:]):
        if outer != n * inner:
            raise ValueError("axes cannot be merged")
    stride = x.strides[-1] if x.ndim else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
