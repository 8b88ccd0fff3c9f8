# Mistake: I passed dtype=float to np.asarray to be explicit, thinking asarray never copies; for an integer x it converts, giving a new writeable float array.
# Wrong on: frozen_view(np.arange(6).reshape(2, 3))  -> gives a writeable float64 copy, correct is a read-only int64 view of x
def frozen_view(x):
    return np.asarray(memoryview(x).toreadonly(), dtype=float)
