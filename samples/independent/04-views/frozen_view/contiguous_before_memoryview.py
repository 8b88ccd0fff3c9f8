# Mistake: I thought the buffer interface only handles contiguous memory, so I pass np.ascontiguousarray(x) to memoryview, not seeing that it copies a transposed or stepped x.
# Wrong on: frozen_view(np.arange(6.0).reshape(2, 3).T)  -> gives a read-only copy (shares no memory with x, misses later writes), correct is a read-only view of x
def frozen_view(x):
    return np.asarray(memoryview(np.ascontiguousarray(x)).toreadonly())
