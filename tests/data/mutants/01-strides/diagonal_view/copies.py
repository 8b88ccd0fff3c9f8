# Mistake: builds a new array from the diagonal elements: right values, but a copy.
def diagonal_view(a):
    n = min(a.shape)
    return np.array([a[k, k] for k in range(n)], dtype=a.dtype)
