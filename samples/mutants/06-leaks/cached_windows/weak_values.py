# Mistake: keeps the windows in a weakref.WeakValueDictionary, so a window no caller holds is dropped and computed again.
def cached_windows(maxsize):
    import weakref

    cache = weakref.WeakValueDictionary()

    def window(n):
        w = cache.get(n)
        if w is None:
            k = np.arange(n)
            w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
            w.flags.writeable = False
            cache[n] = w
        return w

    return window
