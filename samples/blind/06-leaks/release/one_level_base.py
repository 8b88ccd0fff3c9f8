# Mistake: believes every view has the owning array as its direct .base (as slices do), so checks only item.base is arr and misses views made through a helper object (sliding_window_view, as_strided) or views of those.
# Wrong on: arr = np.ones(10); box = [sliding_window_view(arr, 3)]; release(arr, [box]) -> gives 0 (box unchanged), correct is 1 (box emptied)
import numpy as np


def _holds(item, arr):
    return item is arr or (isinstance(item, np.ndarray) and item.base is arr)


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
