# Mistake: gets the view from np.broadcast_arrays (forbidden too) and freezes it.
def stretch_to(x, shape):
    view = np.broadcast_arrays(x, np.empty(shape, dtype=np.int8))[0]
    if view.shape != tuple(shape):
        raise ValueError(f"cannot broadcast {x.shape} to {shape}")
    return as_strided(view, writeable=False)
