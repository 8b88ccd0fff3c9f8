# Mistake: deletes list items by position while looping forward over the list, not realising that each deletion shifts the next item into the slot just checked, so it is skipped.
# Wrong on: arr = np.ones(10); box = [arr, arr[::2]]; release(arr, [box]) -> gives 1 (arr[::2] left in box), correct is 2 (box emptied)
def _holds(item, arr):
    obj = item
    while obj is not None:
        if obj is arr:
            return True
        obj = getattr(obj, "base", None)
    return False


def release(arr, containers):
    removed = 0
    for box in containers:
        if isinstance(box, dict):
            keys = [k for k, v in box.items() if _holds(v, arr)]
            for k in keys:
                del box[k]
            removed += len(keys)
        else:
            i = 0
            for item in list(box):
                if i < len(box) and _holds(box[i], arr):
                    del box[i]
                    removed += 1
                i += 1
    return removed
