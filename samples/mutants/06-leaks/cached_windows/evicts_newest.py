# Mistake: evicts with OrderedDict.popitem(), whose default last=True drops the entry just added instead of the least recently used one.
def cached_windows(maxsize):
    from collections import OrderedDict

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
