# Mistake: removes every array that shares memory with arr, so when arr is a view it also removes the array it was cut from and that array's other views.
def release(arr, containers):
    def holds(item):
        return isinstance(item, np.ndarray) and np.may_share_memory(item, arr)

    removed = 0
    for box in containers:
        if isinstance(box, dict):
            for key in [k for k, v in box.items() if holds(v)]:
                del box[key]
                removed += 1
        else:
            keep = [item for item in box if not holds(item)]
            removed += len(box) - len(keep)
            box[:] = keep
    return removed
