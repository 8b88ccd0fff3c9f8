# Mistake: calls np.broadcast_to, which the exercise forbids.
def stretch_to(x, shape):
    return np.broadcast_to(x, shape)
