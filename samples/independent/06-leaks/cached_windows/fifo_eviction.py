# Mistake: I evict the window that was added first (dicts keep insertion order), thinking "oldest added" is the same as "least recently used".
# Wrong on: window = cached_windows(2); a = window(10); window(11); window(10); window(12); window(10) is a  -> gives False (10 was evicted although it was just used), correct is True (11 is the least recently used)
def cached_windows(maxsize):
    cache = {}

    def window(n):
        if n in cache:
            return cache[n]
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        cache[n] = w
        if len(cache) > maxsize:
            del cache[next(iter(cache))]
        return w

    return window
