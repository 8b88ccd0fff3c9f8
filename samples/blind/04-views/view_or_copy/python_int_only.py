# Mistake: treats only Python ints as integer indices, so a key of NumPy integers (np.int64) is thought to behave like a slice and give a view.
# Wrong on: view_or_copy((np.int64(1), np.int64(2)), 2) -> gives "view", correct is "copy"
import numpy as np


def view_or_copy(key, ndim):
    if not isinstance(key, tuple):
        key = (key,)
    if any(isinstance(k, (list, np.ndarray)) for k in key):
        return "copy"
    ints = [k for k in key if type(k) is int]
    if len(ints) == ndim and len(ints) == len(key):
        return "copy"
    return "view"
