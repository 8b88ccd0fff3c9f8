# Mistake: I applied the merge rule to every pair of neighbouring axes, including axes of length 1, whose stride can be anything.
# Wrong on: flat_view(np.arange(6).reshape(2, 3)[:, None, :])  -> raises ValueError, correct is a view [0, 1, 2, 3, 4, 5]
def flat_view(x):
    for k in range(x.ndim - 1):
        if x.strides[k] != x.shape[k + 1] * x.strides[k + 1]:
            raise ValueError("axes cannot be merged without a copy")
    stride = x.strides[-1] if x.ndim else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
