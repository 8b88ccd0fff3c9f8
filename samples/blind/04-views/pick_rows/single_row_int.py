# Mistake: picks a single row with an integer index a[r], believing that is the same view as a[[r]], but it drops the row axis.
# Wrong on: pick_rows(np.arange(24).reshape(6, 4), [2]).shape -> gives (4,), correct is (1, 4)
import numpy as np


def pick_rows(a, rows):
    if len(rows) == 0:
        return a[rows]
    if len(rows) == 1:
        return a[rows[0]]
    step = rows[1] - rows[0]
    if step != 0 and all(rows[i + 1] - rows[i] == step for i in range(len(rows) - 1)):
        stop = rows[-1] + step
        if stop < 0:
            stop = None
        return a[rows[0]:stop:step]
    return a[rows]
