# Mistake: bounded, but hands out writeable arrays that every caller shares.
def cached_windows(maxsize):
    @functools.lru_cache(maxsize=maxsize)
    def window(n):
        k = np.arange(n)
        return np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)

    return window
