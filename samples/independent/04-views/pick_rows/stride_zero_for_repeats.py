# Mistake: I built the view with as_strided from the first row and the step, thinking a stride-0 view is fine for repeated rows too, although a[rows] would be an independent copy.
# Wrong on: pick_rows(np.arange(24).reshape(6, 4), [2, 2, 2])  -> gives a writeable stride-0 view of a (writing one row changes a and the other rows), correct is a copy like a[[2, 2, 2]]
def pick_rows(a, rows):
    from numpy.lib.stride_tricks import as_strided
    if len(rows) == 1:
        return a[rows[0]:rows[0] + 1]
    step = rows[1] - rows[0]
    if all(r1 - r0 == step for r0, r1 in zip(rows, rows[1:])):
        start = a[rows[0]:]
        return as_strided(start, shape=(len(rows), a.shape[1]), strides=(step * a.strides[0], a.strides[1]))
    return a[rows]
