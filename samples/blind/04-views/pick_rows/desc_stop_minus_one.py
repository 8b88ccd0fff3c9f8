# Mistake: uses stop = last + step for every run, not realising that a descending run ending at row 0 gives stop -1, which a slice reads as "the last row".
# Wrong on: pick_rows(np.arange(24).reshape(6, 4), [2, 1, 0]) -> gives an empty (0, 4) array, correct is rows 2, 1, 0 (shape (3, 4))
import numpy as np


def pick_rows(a, rows):
    if len(rows) == 0:
        return a[rows]
    if len(rows) == 1:
        r = rows[0]
        return a[r:r + 1]
    step = rows[1] - rows[0]
    if step != 0 and all(rows[i + 1] - rows[i] == step for i in range(len(rows) - 1)):
        return a[rows[0]:rows[-1] + step:step]
    return a[rows]
