# Mistake: I dropped length-1 axes for the merge test but still walked the result with x.strides[-1], the stride of the last axis even when that axis has length 1.
# Wrong on: flat_view(np.arange(6)[:, None])  -> gives [0, 0, 0, 0, 0, 0], correct is a view [0, 1, 2, 3, 4, 5]
def flat_view(x):
    kept = [k for k in range(x.ndim) if x.shape[k] != 1]
    for k, j in zip(kept, kept[1:]):
        if x.strides[k] != x.shape[j] * x.strides[j]:
            raise ValueError("axes cannot be merged without a copy")
    stride = x.strides[-1] if x.ndim else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
