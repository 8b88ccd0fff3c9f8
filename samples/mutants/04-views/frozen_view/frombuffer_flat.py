# Mistake: np.frombuffer reads a buffer as a flat run of bytes: it works for a C-contiguous
# x only (a transposed or stepped x cannot be exported as one flat buffer).
def frozen_view(x):
    flat = np.frombuffer(memoryview(x).toreadonly().cast("B"), dtype=x.dtype)
    return flat.reshape(x.shape)
