# Mistake: I thought a slice with a step (or a negative step) cannot be a view because its elements are not next to each other, so NumPy must copy them.
# Wrong on: view_or_copy(slice(None, None, 2), 1)  -> gives "copy", correct is "view"
def view_or_copy(key, ndim):
    key = key if isinstance(key, tuple) else (key,)
    if any(isinstance(k, (list, np.ndarray)) for k in key):
        return "copy"
    if any(isinstance(k, slice) and k.step not in (None, 1) for k in key):
        return "copy"
    if len(key) == ndim and all(isinstance(k, (int, np.integer)) for k in key):
        return "copy"
    return "view"
