# Mistake: a hand-made cache that evicts the oldest *inserted* window, not the least recently used.
def cached_windows(maxsize):
    cache = {}

    def window(n):
        if n in cache:
            return cache[n]
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        if len(cache) >= maxsize:
            del cache[next(iter(cache))]
        cache[n] = w
        return w

    return window
