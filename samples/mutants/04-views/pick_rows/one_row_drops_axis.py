# Mistake: a single row is taken with an integer, which drops the row axis
def pick_rows(a, rows):
    rows = [int(r) for r in rows]
    if len(rows) == 1:
        return a[rows[0]]
    step = rows[1] - rows[0]
    if step != 0 and all(q - p == step for p, q in zip(rows, rows[1:])):
        stop = rows[-1] + step
        return a[rows[0] : (stop if stop >= 0 else None) : step]
    return a[rows]
