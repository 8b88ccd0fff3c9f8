# Mistake: I thought OrderedDict.popitem() removes the oldest entry, so I move each used key to the end and popitem() when the cache is too big.
# Wrong on: window = cached_windows(2); window(10); window(11); a = window(12); window(12) is a  -> gives False (popitem() pops the newest entry, 12 itself), correct is True
from collections import OrderedDict


def cached_windows(maxsize):
    cache = OrderedDict()

    def window(n):
        if n in cache:
            cache.move_to_end(n)
            return cache[n]
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        cache[n] = w
        if len(cache) > maxsize:
            cache.popitem()
        return w

    return window
