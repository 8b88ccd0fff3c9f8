# Mistake: subtracts one mean of the whole array instead of one mean per block.
def center_blocks(x, block, axis):
    return x - x.mean()
