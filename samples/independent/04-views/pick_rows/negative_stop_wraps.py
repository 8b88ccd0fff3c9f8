# Mistake: I used last + step as the slice's stop in every case, forgetting that a stop of -1 (a descending run ending at row 0) means "the last row", not "before row 0".
# Wrong on: pick_rows(np.arange(24).reshape(6, 4), [2, 1, 0])  -> gives an empty (0, 4) array, correct is rows 2, 1, 0
def pick_rows(a, rows):
    if len(rows) == 1:
        return a[rows[0]:rows[0] + 1]
    step = rows[1] - rows[0]
    if step != 0 and all(r1 - r0 == step for r0, r1 in zip(rows, rows[1:])):
        return a[rows[0]:rows[-1] + step:step]
    return a[rows]
