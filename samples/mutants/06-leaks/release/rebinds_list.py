# Mistake: builds a filtered list and rebinds the local name: the caller's list is untouched.
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
            kept = [item for item in box if not holds(item)]
            removed += len(box) - len(kept)
            box = kept
    return removed
