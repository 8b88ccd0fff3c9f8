# Mistake: I generalised "arr[1] is a view of a row" to every bare integer key, forgetting that on a 1-D array one integer already selects a single element.
# Wrong on: view_or_copy(3, 1)  -> gives "view", correct is "copy" (arr[3] on a 1-D array is a scalar)
def view_or_copy(key, ndim):
    if isinstance(key, (list, np.ndarray)):
        return "copy"
    if isinstance(key, tuple):
        if any(isinstance(k, (list, np.ndarray)) for k in key):
            return "copy"
        if len(key) == ndim and all(isinstance(k, (int, np.integer)) for k in key):
            return "copy"
    return "view"
