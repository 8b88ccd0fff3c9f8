# Mistake: right values, written into x, but the expression builds full-size temporaries first
def rescale_rows(x):
    low = x.min(axis=1, keepdims=True)
    high = x.max(axis=1, keepdims=True)
    x[:] = (x - low) / (high - low)
    return x
