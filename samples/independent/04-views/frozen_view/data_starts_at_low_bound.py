# Mistake: I rebuilt the view from the owner's read-only bytes with an offset of byte_bounds(x)[0], thinking an array's first element is always at its lowest address (false with negative strides).
# Wrong on: frozen_view(np.arange(12.0)[11:5:-1])  -> gives [6., 5., 4., 3., 2., 1.], correct is [11., 10., 9., 8., 7., 6.] as a read-only view
def frozen_view(x):
    from numpy.lib.stride_tricks import as_strided
    owner = x
    while isinstance(owner.base, np.ndarray):
        owner = owner.base
    raw = np.frombuffer(memoryview(owner).toreadonly().cast("B"), dtype=np.uint8)
    start = byte_bounds(x)[0] - byte_bounds(owner)[0]
    first = raw[start:start + x.itemsize].view(x.dtype)
    return as_strided(first, shape=x.shape, strides=x.strides)
