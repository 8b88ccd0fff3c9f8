# Mistake: I generalised the 2-D test and only checked that the outermost stride equals (size / outer length) * innermost stride, ignoring the axes in between.
# Wrong on: flat_view(np.arange(16)[:8].reshape(2, 2, 2)[:, ::-1])  -> gives [2, 3, 4, 5, 6, 7, 8, 9], correct is raising ValueError
def flat_view(x):
    kept = [k for k in range(x.ndim) if x.shape[k] != 1]
    if not kept:
        return as_strided(x, shape=(x.size,), strides=(x.itemsize,))
    outer, inner = kept[0], kept[-1]
    if x.strides[outer] != (x.size // x.shape[outer]) * x.strides[inner]:
        raise ValueError("axes cannot be merged without a copy")
    return as_strided(x, shape=(x.size,), strides=(x.strides[inner],))
