# Mistake: deletes list items by index while walking forward, so the item after each removed one is skipped.
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
            i = 0
            while i < len(box):
                if holds(box[i]):
                    del box[i]
                    removed += 1
                i += 1
    return removed
