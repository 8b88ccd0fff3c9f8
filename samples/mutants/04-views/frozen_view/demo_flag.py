# Mistake: copies the demo: a view with the flag switched off, which the caller can switch
# back on (its ultimate owner, x's buffer, is writeable).
def frozen_view(x):
    view = x.view()
    view.flags.writeable = False
    return view
