# Mistake: I test "is it an array?" with type(item) is np.ndarray, thinking every view of arr is a plain ndarray.
# Wrong on: arr = np.ones(10); log = [np.ma.masked_array(arr)]; release(arr, [log])  -> gives 0 and keeps the masked view (its .base is arr), correct is 1 and log == []
def release(arr, containers):
    def holds(item):
        return item is arr or (type(item) is np.ndarray and item.base is arr)

    removed = 0
    for box in containers:
        if isinstance(box, dict):
            for k in [k for k, v in box.items() if holds(v)]:
                del box[k]
                removed += 1
        else:
            kept = [item for item in box if not holds(item)]
            removed += len(box) - len(kept)
            box[:] = kept
    return removed
