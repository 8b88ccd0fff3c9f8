# Mistake: keeps one array too many, so the mean covers window + 1 inputs.
def make_running_mean(window):
    from collections import deque

    recent = deque(maxlen=window + 1)

    def update(x):
        recent.append(x.copy())
        return np.mean(recent, axis=0)

    return update
