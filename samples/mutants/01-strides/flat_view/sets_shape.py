# Mistake: lets NumPy merge the axes by assigning to .shape of a view (a reshape in disguise).
def flat_view(x):
    v = x.view()
    try:
        v.shape = (x.size,)
    except AttributeError as err:
        raise ValueError(str(err)) from None
    return v
