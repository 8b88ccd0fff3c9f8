# Mistake: believes `...` adds nothing to a key, so counts only the integers: as many integers as axes means a scalar copy even when an Ellipsis is present.
# Wrong on: view_or_copy((1, Ellipsis, 2), 2) -> gives "copy", correct is "view"
import numpy as np


def view_or_copy(key, ndim):
    if not isinstance(key, tuple):
        key = (key,)
    if any(isinstance(k, (list, np.ndarray)) for k in key):
        return "copy"
    rest = [k for k in key if k is not Ellipsis]
    if len(rest) == ndim and all(isinstance(k, (int, np.integer)) for k in rest):
        return "copy"
    return "view"
