# Mistake: believes functools.cache is simply the newer spelling of lru_cache, so the inner function's cache ignores maxsize and keeps every window ever made.
# Wrong on: window = cached_windows(2); r = weakref.ref(window(1)); window(2); window(3); gc.collect(); r() is None -> gives False (window 1 still cached), correct is True
import functools

import numpy as np


def cached_windows(maxsize):
    @functools.cache
    def window(n):
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        return w

    return window
