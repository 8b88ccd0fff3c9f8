# Mistake: I thought a repeated row is "evenly spaced" too (every gap is 0), so I slice it with step 0 like any other run.
# Wrong on: pick_rows(np.arange(24).reshape(6, 4), [2, 2])  -> raises ValueError (slice step cannot be zero), correct is rows 2, 2 (a copy)
def pick_rows(a, rows):
    if len(rows) == 1:
        return a[rows[0]:rows[0] + 1]
    step = rows[1] - rows[0]
    if all(r1 - r0 == step for r0, r1 in zip(rows, rows[1:])):
        stop = rows[-1] + step
        return a[rows[0]:stop if stop >= 0 else None:step]
    return a[rows]
