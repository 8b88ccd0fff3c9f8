# Mistake: I thought arrays that are views of the same base as arr keep arr alive too, so when arr is itself a view I also remove its siblings.
# Wrong on: big = np.ones(100); arr = big[:10]; other = big[50:]; log = [arr, other]; release(arr, [log])  -> gives 2 and removes other, correct is 1 (other's .base is big, not arr)
def release(arr, containers):
    def holds(item):
        if item is arr:
            return True
        if not isinstance(item, np.ndarray):
            return False
        return item.base is arr or (arr.base is not None and item.base is arr.base)

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
