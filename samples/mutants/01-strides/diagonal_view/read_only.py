# Mistake: passes writeable=False out of habit, so the caller cannot write through the view.
def diagonal_view(a, k=0):
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(start.shape)
    return as_strided(start, shape=(n,), strides=(a.strides[0] + a.strides[1],), writeable=False)
