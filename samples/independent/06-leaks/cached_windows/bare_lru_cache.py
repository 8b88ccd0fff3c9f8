# Mistake: I thought @functools.lru_cache is bounded by itself, so the decorator without arguments already keeps "at most maxsize" windows.
# Wrong on: window = cached_windows(2); window(10); window(11); window(12)  -> gives the window for n=10 still cached and alive (lru_cache's default maxsize is 128), correct is that it was evicted and freed
import functools


def cached_windows(maxsize):
    @functools.lru_cache
    def window(n):
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        return w

    return window
