# Mistake: right values, stored in a, but the expression allocates three temporaries
def fused_inplace(a, b):
    a[:] = (a + b) * (-a / 2)
    return a
