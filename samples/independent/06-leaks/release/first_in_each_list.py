# Mistake: I thought a list holds a given array at most once, like list.remove, so I stop at the first holder in each list.
# Wrong on: arr = np.ones(10); log = [arr, 1, arr]; release(arr, [log])  -> gives 1 and log == [1, arr] (arr still alive), correct is 2 and log == [1]
def release(arr, containers):
    def holds(item):
        return item is arr or (isinstance(item, np.ndarray) and item.base is arr)

    removed = 0
    for box in containers:
        if isinstance(box, dict):
            for k in [k for k, v in box.items() if holds(v)]:
                del box[k]
                removed += 1
        else:
            for i, item in enumerate(box):
                if holds(item):
                    del box[i]
                    removed += 1
                    break
    return removed
