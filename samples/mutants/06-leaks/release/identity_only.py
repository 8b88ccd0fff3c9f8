# Mistake: removes arr itself but forgets the views, whose .base keeps arr alive.
def release(arr, containers):
    removed = 0
    for box in containers:
        if isinstance(box, dict):
            for key in [k for k, v in box.items() if v is arr]:
                del box[key]
                removed += 1
        else:
            keep = [item for item in box if item is not arr]
            removed += len(box) - len(keep)
            box[:] = keep
    return removed
