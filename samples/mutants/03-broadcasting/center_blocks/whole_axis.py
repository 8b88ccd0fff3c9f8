# Mistake: copies the centring demo above: one mean for the whole axis, ignoring the blocks.
def center_blocks(x, block, axis):
    return x - x.mean(axis=axis, keepdims=True)
