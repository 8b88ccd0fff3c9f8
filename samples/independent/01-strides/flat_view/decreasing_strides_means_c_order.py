# Mistake: I thought C order just means the strides shrink from the first axis to the last, so I only checked that they decrease.
# Wrong on: flat_view(np.arange(12).reshape(3, 4)[:, :2])  -> gives [0, 1, 2, 3, 4, 5], correct is raising ValueError
def flat_view(x):
    kept = [k for k in range(x.ndim) if x.shape[k] != 1]
    for k, j in zip(kept, kept[1:]):
        if not x.strides[k] > x.strides[j]:
            raise ValueError("not in C order, a view is impossible")
    stride = x.strides[kept[-1]] if kept else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
