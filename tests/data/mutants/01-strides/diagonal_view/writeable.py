# Mistake: forgets writeable=False, so a write through the view would change `a`.
def diagonal_view(a):
    n = min(a.shape)
    return as_strided(a, shape=(n,), strides=(a.strides[0] + a.strides[1],))
