# Mistake: a read-only view of a read-only view; the ultimate owner is still x's writeable
# buffer, so the flag can be switched back on.
def frozen_view(x):
    first = x.view()
    first.flags.writeable = False
    second = first.view()
    second.flags.writeable = False
    return second
