# Mistake: subtracts the mean of the whole array instead of the mean along the axis.
def center(x, axis):
    return x - x.mean()
