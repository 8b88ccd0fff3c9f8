# Mistake: lets a.diagonal() do the work (which the exercise forbids) and flips its flag.
def diagonal_view(a, k=0):
    d = a.diagonal(k)
    d.flags.writeable = True
    return d
