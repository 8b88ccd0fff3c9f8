# Mistake: counts a single element only when the key holds at least one integer, so the empty key () of a 0-d array, which returns a scalar copy, is called a view.
def view_or_copy(key, ndim):
    parts = key if isinstance(key, tuple) else (key,)
    if any(isinstance(part, (list, np.ndarray)) for part in parts):
        return "copy"
    if parts and len(parts) == ndim and all(isinstance(p, (int, np.integer)) for p in parts):
        return "copy"
    return "view"
