# Mistake: I returned a single row as a[r], thinking an integer index gives the same one-row result as the list [r] (it drops the axis).
# Wrong on: pick_rows(np.arange(24).reshape(6, 4), [2])  -> gives shape (4,), correct is shape (1, 4) like a[[2]]
def pick_rows(a, rows):
    if len(rows) == 1:
        return a[rows[0]]
    step = rows[1] - rows[0]
    if step != 0 and all(r1 - r0 == step for r0, r1 in zip(rows, rows[1:])):
        stop = rows[-1] + step
        return a[rows[0]:stop if stop >= 0 else None:step]
    return a[rows]
