# Mistake: believes a tuple key with one entry per axis always selects a single element, without checking that the entries are integers (so a full tuple of slices counts as a copy).
# Wrong on: view_or_copy((slice(None), slice(None)), 2) -> gives "copy", correct is "view"
import numpy as np


def view_or_copy(key, ndim):
    if not isinstance(key, tuple):
        key = (key,)
    for k in key:
        if isinstance(k, (list, np.ndarray)):
            return "copy"
    if len(key) == ndim:
        return "copy"
    return "view"
