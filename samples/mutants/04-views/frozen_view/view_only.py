# Mistake: a plain view, through which anyone can still write into x
def frozen_view(x):
    return x.view()
