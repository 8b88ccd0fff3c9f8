# Mistake: I thought a WeakValueDictionary is the memory-safe bounded cache: it keeps windows only while someone uses them.
# Wrong on: window = cached_windows(8); r = weakref.ref(window(64)); gc.collect(); r() is window(64)  -> gives False (the window died when the caller dropped it and is recomputed), correct is True (it is one of the 8 most recently used, so it stays cached)
import weakref


def cached_windows(maxsize):
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
