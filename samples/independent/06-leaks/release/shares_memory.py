# Mistake: I thought "keeps arr alive" means "shares memory with arr", so I remove every array for which np.shares_memory(item, arr) is true.
# Wrong on: big = np.ones(1000); arr = big[100:200]; log = [big, arr]; release(arr, [log])  -> gives 2 and removes big too, correct is 1 (only arr is removed; big does not keep arr alive, it is arr that refers to big)
def release(arr, containers):
    def holds(item):
        return item is arr or (isinstance(item, np.ndarray) and np.shares_memory(item, arr))

    removed = 0
    for box in containers:
        if isinstance(box, dict):
            keys = [k for k, v in box.items() if holds(v)]
            for k in keys:
                del box[k]
            removed += len(keys)
        else:
            kept = [item for item in box if not holds(item)]
            removed += len(box) - len(kept)
            box[:] = kept
    return removed
