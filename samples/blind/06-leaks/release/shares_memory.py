# Mistake: believes "shares memory with arr" means "keeps arr alive", so removes every array that overlaps arr, including the bigger array arr is a view of (which holds no reference to arr).
# Wrong on: big = np.ones(100); arr = big[10:20]; box = [big]; release(arr, [box]) -> gives 1 (big removed), correct is 0 (box keeps big)
import numpy as np


def _holds(item, arr):
    return item is arr or (isinstance(item, np.ndarray) and np.shares_memory(item, arr))


def release(arr, containers):
    removed = 0
    for box in containers:
        if isinstance(box, dict):
            keys = [k for k, v in box.items() if _holds(v, arr)]
            for k in keys:
                del box[k]
            removed += len(keys)
        else:
            kept = [item for item in box if not _holds(item, arr)]
            removed += len(box) - len(kept)
            box[:] = kept
    return removed
