# Mistake: x = x - low makes a new array, so the in-place division updates that, not the input
def rescale_rows(x):
    low = x.min(axis=1, keepdims=True)
    span = x.max(axis=1, keepdims=True) - low
    x = x - low
    x /= span
    return x
