# Mistake: I thought a tuple between the brackets is a sequence of positions, like a list, so any tuple key means advanced indexing.
# Wrong on: view_or_copy((slice(None), 0), 2)  -> gives "copy", correct is "view"
def view_or_copy(key, ndim):
    if isinstance(key, (list, tuple, np.ndarray)):
        return "copy"
    return "view"
