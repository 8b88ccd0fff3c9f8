# Mistake: following "the ultimate owner of the memory", I froze x.base (the owner) and reshaped it to x.shape, thinking a view is its owner's data in a new shape.
# Wrong on: frozen_view(np.arange(6.0).reshape(2, 3).T)  -> gives [[0., 1.], [2., 3.], [4., 5.]], correct is [[0., 3.], [1., 4.], [2., 5.]] as a read-only view
def frozen_view(x):
    owner = x
    while isinstance(owner.base, np.ndarray):
        owner = owner.base
    return np.asarray(memoryview(owner).toreadonly()).reshape(x.shape)
