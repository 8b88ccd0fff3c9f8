# Mistake: I knew a negative stop wraps around, so I clamped it to 0, thinking a stop of 0 still takes row 0 when stepping backwards.
# Wrong on: pick_rows(np.arange(24).reshape(6, 4), [4, 2, 0])  -> gives rows 4, 2 only, correct is rows 4, 2, 0
def pick_rows(a, rows):
    if len(rows) == 1:
        return a[rows[0]:rows[0] + 1]
    step = rows[1] - rows[0]
    if step != 0 and all(r1 - r0 == step for r0, r1 in zip(rows, rows[1:])):
        return a[rows[0]:max(rows[-1] + step, 0):step]
    return a[rows]
