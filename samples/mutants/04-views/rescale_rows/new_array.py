# Mistake: returns a new rescaled array and leaves x unchanged
def rescale_rows(x):
    low = x.min(axis=1, keepdims=True)
    high = x.max(axis=1, keepdims=True)
    return (x - low) / (high - low)
