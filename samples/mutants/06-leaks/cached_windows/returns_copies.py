# Mistake: protects the cached window by handing out a copy each time: safe, but no longer the same array.
def cached_windows(maxsize):
    @functools.lru_cache(maxsize=maxsize)
    def compute(n):
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        return w

    def window(n):
        return compute(n).copy()

    return window
