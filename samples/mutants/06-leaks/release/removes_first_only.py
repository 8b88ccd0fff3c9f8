# Mistake: stops at the first holder in each list (as list.remove does), leaving later copies of the reference.
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
            for i, item in enumerate(box):
                if holds(item):
                    del box[i]
                    removed += 1
                    break
    return removed
