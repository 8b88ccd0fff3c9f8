# Mistake: I compared the strides' sizes with abs(), thinking a reversed axis is the same block of memory walked backwards, so it still merges.
# Wrong on: flat_view(np.arange(12).reshape(4, 3)[1::-1])  -> gives [3, 4, 5, 6, 7, 8], correct is raising ValueError
def flat_view(x):
    kept = [k for k in range(x.ndim) if x.shape[k] != 1]
    for k, j in zip(kept, kept[1:]):
        if abs(x.strides[k]) != x.shape[j] * abs(x.strides[j]):
            raise ValueError("axes cannot be merged without a copy")
    stride = x.strides[kept[-1]] if kept else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
