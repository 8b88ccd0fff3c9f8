# Mistake: I tested for integers with isinstance(k, int), thinking NumPy integers such as np.int64 are Python ints too.
# Wrong on: view_or_copy((np.int64(1), np.int64(2)), 2)  -> gives "view", correct is "copy"
def view_or_copy(key, ndim):
    key = key if isinstance(key, tuple) else (key,)
    if any(isinstance(k, (list, np.ndarray)) for k in key):
        return "copy"
    if len(key) == ndim and all(isinstance(k, int) for k in key):
        return "copy"
    return "view"
