# Mistake: stop = last + step; a descending run ending at row 0 gets stop -1, an empty slice
def pick_rows(a, rows):
    rows = [int(r) for r in rows]
    if len(rows) == 1:
        return a[rows[0] : rows[0] + 1]
    step = rows[1] - rows[0]
    if step != 0 and all(q - p == step for p, q in zip(rows, rows[1:])):
        return a[rows[0] : rows[-1] + step : step]
    return a[rows]
