# Mistake: believes a WeakValueDictionary is the memory-friendly cache, but it forgets a window as soon as no caller holds it, so the "most recently used" windows are not kept.
# Wrong on: window = cached_windows(8); r = weakref.ref(window(64)); gc.collect(); r() is None -> gives True (window dropped), correct is False (kept in the cache)
import weakref

import numpy as np


def cached_windows(maxsize):
    cache = weakref.WeakValueDictionary()

    def window(n):
        w = cache.get(n)
        if w is None:
            k = np.arange(n)
            w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
            w.flags.writeable = False
            cache[n] = w
        return w

    return window
