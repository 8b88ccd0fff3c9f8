# Mistake: I thought a view cannot run backwards through memory, so descending rows always need fancy indexing (a copy).
# Wrong on: pick_rows(np.arange(24).reshape(6, 4), [4, 3, 2])  -> gives a copy, correct is a view a[4:1:-1] sharing memory with a
def pick_rows(a, rows):
    if len(rows) == 1:
        return a[rows[0]:rows[0] + 1]
    step = rows[1] - rows[0]
    if step > 0 and all(r1 - r0 == step for r0, r1 in zip(rows, rows[1:])):
        return a[rows[0]:rows[-1] + step:step]
    return a[rows]
