# Mistake: one cache at module level shared by every cached_windows(...) call.
_shared = {}


def cached_windows(maxsize):
    def window(n):
        if n not in _shared:
            k = np.arange(n)
            w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
            w.flags.writeable = False
            if len(_shared) >= maxsize:
                del _shared[next(iter(_shared))]
            _shared[n] = w
        return _shared[n]

    return window
