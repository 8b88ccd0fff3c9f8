# Mistake: only advanced indexing copies; forgets that one integer per axis gives a scalar copy
def view_or_copy(key, ndim):
    parts = key if isinstance(key, tuple) else (key,)
    if any(isinstance(part, (list, np.ndarray)) for part in parts):
        return "copy"
    return "view"
