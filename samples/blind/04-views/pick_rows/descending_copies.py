# Mistake: believes a slice with a negative step cannot be a view (reversing must copy), so only ascending runs are returned as slices and descending runs fall back to a[rows].
# Wrong on: np.shares_memory(pick_rows(g := np.arange(24).reshape(6, 4), [4, 2, 0]), g) -> gives False, correct is True
import numpy as np


def pick_rows(a, rows):
    if len(rows) == 0:
        return a[rows]
    if len(rows) == 1:
        r = rows[0]
        return a[r:r + 1]
    step = rows[1] - rows[0]
    if step > 0 and all(rows[i + 1] - rows[i] == step for i in range(len(rows) - 1)):
        return a[rows[0]:rows[-1] + step:step]
    return a[rows]
