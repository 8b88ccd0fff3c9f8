# Mistake: reads the step from rows[1] without checking the length, so an empty list of rows raises instead of giving a (0, ncols) array
def pick_rows(a, rows):
    rows = [int(r) for r in rows]
    if len(rows) == 1:
        return a[rows[0] : rows[0] + 1]
    step = rows[1] - rows[0]
    if step != 0 and all(q - p == step for p, q in zip(rows, rows[1:])):
        stop = rows[-1] + step
        return a[rows[0] : (stop if stop >= 0 else None) : step]
    return a[rows]
