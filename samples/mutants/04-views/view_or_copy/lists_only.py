# Mistake: treats only Python lists as advanced indexing, not NumPy integer or boolean arrays
def view_or_copy(key, ndim):
    parts = key if isinstance(key, tuple) else (key,)
    if any(isinstance(part, list) for part in parts):
        return "copy"
    if len(parts) == ndim and all(isinstance(part, (int, np.integer)) for part in parts):
        return "copy"
    return "view"
