# Mistake: makes x itself read-only, so its owner can no longer write to it
def frozen_view(x):
    x.flags.writeable = False
    return x
