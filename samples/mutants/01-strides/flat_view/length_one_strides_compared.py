# Mistake: applies the merge rule without dropping the length-1 axes, whose strides do not matter.
def flat_view(x):
    for k in range(x.ndim - 1):
        if x.strides[k] != x.shape[k + 1] * x.strides[k + 1]:
            raise ValueError("axes cannot be merged")
    stride = x.strides[-1] if x.ndim else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
