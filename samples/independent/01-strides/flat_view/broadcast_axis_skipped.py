# Mistake: I treated a stride-0 (broadcast) axis like a length-1 axis and dropped it from the merge test, as it does not move through memory.
# Wrong on: flat_view(np.broadcast_to(np.arange(12)[:3], (2, 3)))  -> gives [0, 1, 2, 3, 4, 5], correct is raising ValueError
def flat_view(x):
    kept = [k for k in range(x.ndim) if x.shape[k] != 1 and x.strides[k] != 0]
    for k, j in zip(kept, kept[1:]):
        if x.strides[k] != x.shape[j] * x.strides[j]:
            raise ValueError("axes cannot be merged without a copy")
    stride = x.strides[kept[-1]] if kept else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
