# Mistake: drops the reduced axis, so the means line up with the wrong axis.
def center(x, axis):
    return x - x.mean(axis=axis)
