# Mistake: After dropping the length-1 axes I took the innermost kept axis's stride, forgetting that an array of one element keeps no axis at all.
# Wrong on: flat_view(np.arange(5)[2:3].reshape(1, 1))  -> raises IndexError, correct is a view [2]
def flat_view(x):
    kept = [k for k in range(x.ndim) if x.shape[k] != 1]
    for k, j in zip(kept, kept[1:]):
        if x.strides[k] != x.shape[j] * x.strides[j]:
            raise ValueError("axes cannot be merged without a copy")
    stride = x.strides[kept[-1]]
    return as_strided(x, shape=(x.size,), strides=(stride,))
