# Mistake: looks only one step down (item.base is arr), so sliding_window_view and as_strided views, whose base is a helper object, keep arr alive.
def release(arr, containers):
    def holds(item):
        return item is arr or (isinstance(item, np.ndarray) and item.base is arr)

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
