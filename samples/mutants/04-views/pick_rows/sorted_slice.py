# Mistake: slices from the smallest to the largest row, so a descending run comes back ascending
def pick_rows(a, rows):
    rows = [int(r) for r in rows]
    if len(rows) == 1:
        return a[rows[0] : rows[0] + 1]
    step = rows[1] - rows[0]
    if step != 0 and all(q - p == step for p, q in zip(rows, rows[1:])):
        return a[min(rows) : max(rows) + 1 : abs(step)]
    return a[rows]
