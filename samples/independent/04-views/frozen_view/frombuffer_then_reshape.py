# Mistake: I read x's bytes back with np.frombuffer and reshaped them to x.shape, thinking the bytes of any array are its elements in order.
# Wrong on: frozen_view(np.arange(6.0).reshape(2, 3).T)  -> raises BufferError (memoryview: underlying buffer is not C-contiguous), correct is a read-only view of x
def frozen_view(x):
    ro = memoryview(x).toreadonly()
    return np.frombuffer(ro, dtype=x.dtype).reshape(x.shape)
