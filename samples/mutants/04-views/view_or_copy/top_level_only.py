# Mistake: looks for a list or array only at the top of the key, not inside a tuple
def view_or_copy(key, ndim):
    if isinstance(key, (list, np.ndarray)):
        return "copy"
    parts = key if isinstance(key, tuple) else (key,)
    if len(parts) == ndim and all(isinstance(part, (int, np.integer)) for part in parts):
        return "copy"
    return "view"
