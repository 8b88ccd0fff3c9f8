# Mistake: I flattened a with reshape(-1) to count the start in elements, believing reshape always returns a view; for a transposed input it copies.
# Wrong on: diagonal_view(np.arange(16.0).reshape(4, 4).T) then writing -1 into it  -> a is unchanged, correct is a's diagonal becomes -1
def diagonal_view(a, k=0):
    rows, cols = a.shape
    flat = a.reshape(-1)
    first = k if k >= 0 else -k * cols
    n = min(rows, cols - k) if k >= 0 else min(rows + k, cols)
    return as_strided(flat[first:], shape=(n,), strides=((cols + 1) * flat.itemsize,))
