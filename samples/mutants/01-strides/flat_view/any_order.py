# Mistake: order="A" avoids the copy for Fortran-ordered input by reading it in F order.
def flat_view(x):
    return np.reshape(x, -1, order="A", copy=False)
