# Mistake: functools.cache ignores maxsize: every length ever asked for stays cached.
def cached_windows(maxsize):
    @functools.cache
    def window(n):
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        return w

    return window
