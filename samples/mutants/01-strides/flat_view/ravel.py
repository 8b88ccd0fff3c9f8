# Mistake: ravel() silently copies when it must, instead of refusing.
def flat_view(x):
    return x.ravel()
