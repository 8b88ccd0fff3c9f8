# Mistake: I thought a cache is just a dict from n to its window, and maxsize is only a hint, so nothing is ever evicted.
# Wrong on: window = cached_windows(2); r = weakref.ref(window(10)); window(11); ...; window(19); gc.collect()  -> gives r() still alive (all 10 windows kept), correct is r() is None (only the 2 most recently used windows are kept)
def cached_windows(maxsize):
    cache = {}

    def window(n):
        if n not in cache:
            k = np.arange(n)
            w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
            w.flags.writeable = False
            cache[n] = w
        return cache[n]

    return window
