# Mistake: drops the cache altogether: no growth, but every call recomputes a new array.
def cached_windows(maxsize):
    def window(n):
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        return w

    return window
