# Mistake: builds a new array from the diagonal elements: right values, but a copy.
def diagonal_view(a, k=0):
    rows, cols = a.shape
    return np.array([a[i, i + k] for i in range(rows) if 0 <= i + k < cols], dtype=a.dtype)
