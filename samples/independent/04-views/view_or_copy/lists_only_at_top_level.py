# Mistake: I thought a tuple key is always basic indexing, so only a list or array given on its own (not inside a tuple) means advanced indexing.
# Wrong on: view_or_copy((slice(1, None), [0, 2]), 2)  -> gives "view", correct is "copy"
def view_or_copy(key, ndim):
    if isinstance(key, (list, np.ndarray)):
        return "copy"
    key = key if isinstance(key, tuple) else (key,)
    if len(key) == ndim and all(isinstance(k, (int, np.integer)) for k in key):
        return "copy"
    return "view"
