# Mistake: np.broadcast_to returns a read-only view, but one whose flag can be set back.
def frozen_view(x):
    return np.broadcast_to(x, x.shape)
