# Mistake: I delete list elements by index inside a for loop over enumerate(box), thinking the loop still visits every element after a deletion.
# Wrong on: arr = np.ones(10); log = [arr, arr[::2], "x"]; release(arr, [log])  -> gives 1 and leaves the view in log (the element after a deleted one is skipped), correct is 2 and log == ["x"]
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
    return removed
