# Mistake: calls the NumPy function the exercise asks to rebuild.
def flat_view(x):
    return np.reshape(x, -1, copy=False)
