# Mistake: I thought a boolean mask only filters what is already there, so it is a view; only lists and arrays of integer positions copy.
# Wrong on: view_or_copy(np.array([True, False, True]), 1)  -> gives "view", correct is "copy"
def view_or_copy(key, ndim):
    key = key if isinstance(key, tuple) else (key,)
    for k in key:
        if isinstance(k, list):
            return "copy"
        if isinstance(k, np.ndarray) and k.dtype != bool:
            return "copy"
    if len(key) == ndim and all(isinstance(k, (int, np.integer)) for k in key):
        return "copy"
    return "view"
