# Mistake: np.asarray(x, dtype=np.float64) does not copy a float64 array: the deque keeps the caller's buffer.
def make_running_mean(window):
    from collections import deque

    recent = deque(maxlen=window)

    def update(x):
        recent.append(np.asarray(x, dtype=np.float64))
        return np.mean(recent, axis=0)

    return update
