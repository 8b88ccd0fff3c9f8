# Mistake: copies only writeable inputs, thinking a read-only array can never change, so a read-only view keeps its chunk alive and follows the caller's buffer.
def make_running_mean(window):
    from collections import deque

    recent = deque(maxlen=window)

    def update(x):
        recent.append(np.array(x, dtype=np.float64) if x.flags.writeable else x)
        return np.mean(recent, axis=0)

    return update
