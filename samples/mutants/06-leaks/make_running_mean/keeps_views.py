# Mistake: bounded, but keeps the caller's arrays themselves: a reused buffer changes
# under it, and a view keeps its whole chunk alive.
def make_running_mean(window):
    from collections import deque

    recent = deque(maxlen=window)

    def update(x):
        recent.append(x)
        return np.mean(recent, axis=0)

    return update
