# Mistake: a read-only copy, which does not see later changes to x
def frozen_view(x):
    frozen = x.copy()
    frozen.flags.writeable = False
    return frozen
