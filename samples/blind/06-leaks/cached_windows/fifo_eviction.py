# Mistake: believes evicting the oldest inserted window is the same as evicting the least recently used one, so a cache hit does not refresh the window's position.
# Wrong on: window = cached_windows(2); w1 = window(1); window(2); window(1); window(3); window(1) is w1 -> gives False, correct is True
from collections import OrderedDict

import numpy as np


def cached_windows(maxsize):
    cache = OrderedDict()

    def window(n):
        if n in cache:
            return cache[n]
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        cache[n] = w
        if len(cache) > maxsize:
            cache.popitem(last=False)
        return w

    return window
