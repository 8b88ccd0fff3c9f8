# Mistake: subtracts in place, changing the caller's array (and failing for integer input).
def center(x, axis):
    x -= x.mean(axis=axis, keepdims=True)
    return x
