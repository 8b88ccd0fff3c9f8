# Mistake: np.frombuffer over x.tobytes() is read-only and cannot be unlocked, but it is a
# copy of the bytes, so it never sees later changes to x.
def frozen_view(x):
    return np.frombuffer(x.tobytes(), dtype=x.dtype).reshape(x.shape)
