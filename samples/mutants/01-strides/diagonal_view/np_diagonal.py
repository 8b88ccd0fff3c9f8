# Mistake: calls np.diagonal, whose view is read-only (and which the exercise forbids).
def diagonal_view(a, k=0):
    return np.diagonal(a, k)
