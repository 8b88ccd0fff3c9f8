# Mistake: I thought ... stands for zero axes here and can be ignored, so integers for every axis plus a ... still pick out a scalar copy.
# Wrong on: view_or_copy((1, Ellipsis, 2), 2)  -> gives "copy", correct is "view" (a 0-d view)
def view_or_copy(key, ndim):
    key = key if isinstance(key, tuple) else (key,)
    if any(isinstance(k, (list, np.ndarray)) for k in key):
        return "copy"
    rest = [k for k in key if k is not Ellipsis]
    if len(rest) == ndim and all(isinstance(k, (int, np.integer)) for k in rest):
        return "copy"
    return "view"
