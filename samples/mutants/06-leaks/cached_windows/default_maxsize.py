# Mistake: lru_cache() without an argument keeps 128 entries, whatever maxsize says.
def cached_windows(maxsize):
    @functools.lru_cache()
    def window(n):
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        return w

    return window
