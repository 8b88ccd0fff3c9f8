# Mistake: keeps copies in the input's own dtype, so float32 or float16 inputs give a mean in that dtype instead of float64.
def make_running_mean(window):
    from collections import deque

    recent = deque(maxlen=window)

    def update(x):
        recent.append(x.copy())
        return np.mean(recent, axis=0)

    return update
